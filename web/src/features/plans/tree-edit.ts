// The outline editor's operations (改名、上移、下移、升级、降级、与下一条合并、拆分、删除) as pure
// functions: each takes the tree and returns a new one, never changing its input. Nodes carry a `key`
// for selection in the UI; `toOutline` strips it before the tree is sent to the server.
import type { OutlineNode, PlanItem } from './api';

export interface EditNode extends Omit<OutlineNode, 'children'> {
  key: string;
  children: EditNode[];
}

let nextKey = 0;
const newKey = (): string => `n${++nextKey}`;

/** Parser output or a saved plan's items → editable nodes (ids kept; alignment is not part of the outline). */
export function toEditNodes(nodes: ReadonlyArray<OutlineNode | PlanItem>): EditNode[] {
  return nodes.map((n) => {
    const node: EditNode = {
      key: newKey(),
      number: n.number,
      heading: n.heading,
      body: n.body,
      lead: [...n.lead],
      cooperating: [...n.cooperating],
      brandActivities: [...n.brandActivities],
      proposedTasks: n.proposedTasks.map((t) => ({ ...t })),
      children: toEditNodes(n.children),
    };
    if (n.id !== undefined) node.id = n.id;
    return node;
  });
}

/** Editable nodes → the outline nodes the API accepts (no `key`). */
export function toOutline(nodes: readonly EditNode[]): OutlineNode[] {
  return nodes.map(({ key: _key, children, ...rest }) => ({ ...rest, children: toOutline(children) }));
}

// Where a node sits: the sibling list holding it and its index there.
interface Location {
  siblings: EditNode[];
  index: number;
  parent: EditNode | null;
}

export function locate(nodes: EditNode[], key: string, parent: EditNode | null = null): Location | null {
  const index = nodes.findIndex((n) => n.key === key);
  if (index >= 0) return { siblings: nodes, index, parent };
  for (const n of nodes) {
    const found = locate(n.children, key, n);
    if (found) return found;
  }
  return null;
}

export function findNode(nodes: EditNode[], key: string): EditNode | null {
  const at = locate(nodes, key);
  return at ? at.siblings[at.index]! : null;
}

// Deep copy so that every operation can mutate its own copy and the input stays untouched.
function clone(nodes: readonly EditNode[]): EditNode[] {
  return nodes.map((n) => ({
    ...n,
    lead: [...n.lead],
    cooperating: [...n.cooperating],
    brandActivities: [...n.brandActivities],
    proposedTasks: n.proposedTasks.map((t) => ({ ...t })),
    children: clone(n.children),
  }));
}

function edit(nodes: readonly EditNode[], key: string, change: (at: Location) => void): EditNode[] {
  const copy = clone(nodes);
  const at = locate(copy, key);
  if (at) change(at);
  return copy;
}

export function rename(
  nodes: readonly EditNode[],
  key: string,
  fields: { number?: string | null; heading?: string; body?: string },
): EditNode[] {
  return edit(nodes, key, ({ siblings, index }) => {
    siblings[index] = { ...siblings[index]!, ...fields };
  });
}

export function moveUp(nodes: readonly EditNode[], key: string): EditNode[] {
  return edit(nodes, key, ({ siblings, index }) => {
    if (index === 0) return;
    [siblings[index - 1], siblings[index]] = [siblings[index]!, siblings[index - 1]!];
  });
}

export function moveDown(nodes: readonly EditNode[], key: string): EditNode[] {
  return edit(nodes, key, ({ siblings, index }) => {
    if (index >= siblings.length - 1) return;
    [siblings[index + 1], siblings[index]] = [siblings[index]!, siblings[index + 1]!];
  });
}

/** 降级: the node becomes the last child of the sibling before it. */
export function indent(nodes: readonly EditNode[], key: string): EditNode[] {
  return edit(nodes, key, ({ siblings, index }) => {
    if (index === 0) return;
    const [node] = siblings.splice(index, 1);
    siblings[index - 1]!.children.push(node!);
  });
}

/** 升级: the node moves out of its parent and follows it; its own children stay with it. */
export function outdent(nodes: readonly EditNode[], key: string): EditNode[] {
  const copy = clone(nodes);
  const at = locate(copy, key);
  if (!at?.parent) return copy;
  const outer = locate(copy, at.parent.key)!;
  const [node] = at.siblings.splice(at.index, 1);
  outer.siblings.splice(outer.index + 1, 0, node!);
  return copy;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function joinText(...parts: string[]): string {
  return parts.filter((p) => p.trim().length > 0).join('\n');
}

/** 与下一条合并: the next sibling's heading and body are appended to this body; children, units, brands and tasks join. */
export function mergeWithNext(nodes: readonly EditNode[], key: string): EditNode[] {
  return edit(nodes, key, ({ siblings, index }) => {
    const next = siblings[index + 1];
    if (!next) return;
    const node = siblings[index]!;
    siblings.splice(index, 2, {
      ...node,
      body: joinText(node.body, next.heading, next.body),
      lead: union(node.lead, next.lead),
      cooperating: union(node.cooperating, next.cooperating),
      brandActivities: union(node.brandActivities, next.brandActivities),
      proposedTasks: [...node.proposedTasks, ...next.proposedTasks],
      children: [...node.children, ...next.children],
    });
  });
}

/**
 * 拆分: the body is cut at `at` (a character offset); the text after it becomes a new node right after
 * this one, with no number and no id. Children, units, brands and tasks stay with the first part.
 */
export function split(nodes: readonly EditNode[], key: string, at: number): EditNode[] {
  return edit(nodes, key, ({ siblings, index }) => {
    const node = siblings[index]!;
    const before = node.body.slice(0, at).trim();
    const after = node.body.slice(at).trim();
    if (!after) return;
    siblings.splice(
      index,
      1,
      { ...node, body: before },
      {
        key: newKey(),
        number: null,
        heading: '',
        body: after,
        lead: [],
        cooperating: [],
        brandActivities: [],
        proposedTasks: [],
        children: [],
      },
    );
  });
}

/** The offsets just after each sentence end (。！？；) inside a text, excluding its very end. */
export function sentenceBoundaries(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length - 1; i++) if ('。！？；'.includes(text[i]!)) out.push(i + 1);
  return out;
}

/** 删除: the node and everything under it. */
export function remove(nodes: readonly EditNode[], key: string): EditNode[] {
  return edit(nodes, key, ({ siblings, index }) => {
    siblings.splice(index, 1);
  });
}

/** 新增: an empty-bodied node after the given one (or at the end when no key). */
export function insertAfter(nodes: readonly EditNode[], key: string | null, heading: string): EditNode[] {
  const fresh: EditNode = {
    key: newKey(),
    number: null,
    heading,
    body: '',
    lead: [],
    cooperating: [],
    brandActivities: [],
    proposedTasks: [],
    children: [],
  };
  if (key === null) return [...clone(nodes), fresh];
  return edit(nodes, key, ({ siblings, index }) => {
    siblings.splice(index + 1, 0, fresh);
  });
}

export function countNodes<T extends { children: readonly T[] }>(nodes: readonly T[]): number {
  return nodes.reduce((n, node) => n + 1 + countNodes(node.children), 0);
}

export function countTasks(nodes: ReadonlyArray<OutlineNode | EditNode | PlanItem>): number {
  return nodes.reduce((n, node) => n + node.proposedTasks.length + countTasks(node.children), 0);
}
