// Unit tests of the outline editor's operations and the source marks (run by npm test).
import { describe, expect, it } from 'vitest';
import { markSource } from './source-marks';
import * as ops from './tree-edit';
import type { EditNode } from './tree-edit';

const leaf = (heading: string, body = '', children: EditNode[] = []): EditNode => ({
  key: heading,
  number: null,
  heading,
  body,
  lead: [],
  cooperating: [],
  brandActivities: [],
  proposedTasks: [],
  children,
});

// A tree as nested heading lists, for readable expectations.
type Shape = Array<string | [string, Shape]>;
const shape = (nodes: EditNode[]): Shape =>
  nodes.map((n) => (n.children.length ? [n.heading, shape(n.children)] : n.heading));

const tree = () => [leaf('A', '', [leaf('A1'), leaf('A2')]), leaf('B', 'b1。b2。'), leaf('C')];

describe('tree-edit', () => {
  it('never changes its input', () => {
    const input = tree();
    const before = JSON.stringify(input);
    for (const op of [ops.moveUp, ops.moveDown, ops.indent, ops.outdent, ops.mergeWithNext, ops.remove]) {
      op(input, 'A2');
      op(input, 'B');
    }
    ops.split(input, 'B', 3);
    ops.rename(input, 'B', { heading: 'x' });
    expect(JSON.stringify(input)).toBe(before);
  });

  it('moves among siblings and stops at the ends', () => {
    expect(shape(ops.moveUp(tree(), 'B'))).toEqual(['B', ['A', ['A1', 'A2']], 'C']);
    expect(shape(ops.moveDown(tree(), 'A1'))).toEqual([['A', ['A2', 'A1']], 'B', 'C']);
    expect(shape(ops.moveUp(tree(), 'A'))).toEqual(shape(tree()));
    expect(shape(ops.moveDown(tree(), 'C'))).toEqual(shape(tree()));
  });

  it('indents under the previous sibling and outdents after the parent', () => {
    expect(shape(ops.indent(tree(), 'B'))).toEqual([['A', ['A1', 'A2', 'B']], 'C']);
    expect(shape(ops.indent(tree(), 'A'))).toEqual(shape(tree()));
    expect(shape(ops.outdent(tree(), 'A1'))).toEqual([['A', ['A2']], 'A1', 'B', 'C']);
    expect(shape(ops.outdent(tree(), 'B'))).toEqual(shape(tree()));
  });

  it('merges with the next sibling: text appended, lists joined, the next one gone', () => {
    const nodes = tree();
    nodes[1]!.lead = ['经济处'];
    nodes[2]!.lead = ['经济处', '工商联'];
    const merged = ops.mergeWithNext(nodes, 'B');
    expect(shape(merged)).toEqual([['A', ['A1', 'A2']], 'B']);
    expect(merged[1]!.body).toBe('b1。b2。\nC');
    expect(merged[1]!.lead).toEqual(['经济处', '工商联']);
    expect(shape(ops.mergeWithNext(tree(), 'C'))).toEqual(shape(tree()));
  });

  it('splits a body at an offset into a new unnumbered node after it', () => {
    const [at] = ops.sentenceBoundaries('b1。b2。');
    expect(at).toBe(3);
    const split = ops.split(tree(), 'B', at!);
    expect(split.map((n) => [n.heading, n.body])).toEqual([
      ['A', ''],
      ['B', 'b1。'],
      ['', 'b2。'],
      ['C', ''],
    ]);
    expect(ops.split(tree(), 'B', 100)).toHaveLength(3);
  });

  it('renames, removes with children, and strips keys for the API', () => {
    expect(ops.rename(tree(), 'A1', { heading: '新' })[0]!.children[0]!.heading).toBe('新');
    expect(shape(ops.remove(tree(), 'A'))).toEqual(['B', 'C']);
    const out = ops.toOutline(ops.toEditNodes([{ ...leaf('X'), id: 7 }]));
    expect(out[0]).toEqual({
      id: 7,
      number: null,
      heading: 'X',
      body: '',
      lead: [],
      cooperating: [],
      brandActivities: [],
      proposedTasks: [],
      children: [],
    });
  });
});

describe('markSource', () => {
  it('marks removed pieces in order and the lines warnings point at', () => {
    const text = '页眉\n一、甲\n页眉\n乙';
    const spans = markSource(text, ['页眉', '页眉'], [{ message: '核对', offset: 5 }]);
    expect(spans.map((s) => [s.kind, s.text])).toEqual([
      ['removed', '页眉'],
      ['plain', '\n'],
      ['warning', '一、甲'],
      ['plain', '\n'],
      ['removed', '页眉'],
      ['plain', '\n乙'],
    ]);
    expect(spans.map((s) => s.text).join('')).toBe(text);
  });
});
