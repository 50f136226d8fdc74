/**
 * Children hidden inside a node's body: 一是…二是… (and 一要…二要… within those), and parallel
 * paragraphs opening with the same words ("聚焦在…上走在前，…" three times).
 */
import { walk, type Draft } from './draft.ts';
import { clauseHeading, isShortSentence, sentenceHeading, type HeadingSplit } from './heading.ts';
import { inlineRun, type InlineSuffix } from './markers.ts';
import { EMPTY, join, slice, startOffset, trim, type Block } from './span.ts';
import { squeeze } from './text.ts';

function inlineHeading(rest: Block): HeadingSplit {
  const found = sentenceHeading(rest) ?? clauseHeading(rest, 20);
  if (found) return found;
  return isShortSentence(rest)
    ? { heading: rest, separator: EMPTY, body: EMPTY }
    : { heading: EMPTY, separator: EMPTY, body: rest };
}

function inlineDraft(
  text: Block,
  from: number,
  to: number,
  marker: { length: number; value: number; number: string },
): Draft {
  const markerBlock = slice(text, from, from + marker.length);
  const split = inlineHeading(trim(slice(text, from + marker.length, to)));
  return {
    style: 'inline',
    value: marker.value,
    number: marker.number,
    marker: markerBlock,
    heading: split.heading,
    separator: split.separator,
    paras: split.body.text.length > 0 ? [split.body] : [],
    children: [],
    offset: startOffset(markerBlock),
  };
}

/** Split the node's body at 一是/二是 markers; text before 一是 stays the node's own body. */
function splitInline(draft: Draft, suffix: InlineSuffix): boolean {
  const body = join(draft.paras);
  const run = inlineRun(body.text, suffix);
  const first = run[0];
  if (!first) return false;
  const children = run.map((marker, i) =>
    inlineDraft(body, marker.index, run[i + 1]?.index ?? body.text.length, marker),
  );
  const intro = trim(slice(body, 0, first.index));
  draft.paras = intro.text.length > 0 ? [intro] : [];
  draft.children = [...children, ...draft.children];
  const other: InlineSuffix = suffix === '是' ? '要' : '是';
  for (const child of children) splitInline(child, other);
  return true;
}

function firstClause(block: Block): string | null {
  const split = clauseHeading(block, 30);
  return split ? squeeze(split.heading.text) : null;
}

function commonSuffix(clauses: readonly string[]): number {
  const [a = ''] = clauses;
  let suffix = a.length;
  for (const c of clauses) {
    let s = 0;
    while (s < suffix && a[a.length - 1 - s] === c[c.length - 1 - s]) s++;
    suffix = s;
  }
  return suffix;
}

/** The first run of paragraphs opening with a parallel clause, as [start, end) or null. */
function parallelRun(paras: readonly Block[]): [number, number] | null {
  const clauses = paras.map(firstClause);
  for (let start = 0; start < clauses.length - 1; start++) {
    const opening = clauses[start]?.slice(0, 2);
    if (opening === undefined || opening.length < 2) continue;
    let end = start + 1;
    while (end < clauses.length && clauses[end]?.slice(0, 2) === opening) end++;
    const run = clauses.slice(start, end).filter((c): c is string => c !== null);
    if (run.length >= 3 || (run.length === 2 && commonSuffix(run) >= 2)) return [start, end];
    start = end - 1;
  }
  return null;
}

function splitParallel(draft: Draft): void {
  const run = parallelRun(draft.paras);
  if (!run) return;
  const [start, end] = run;
  const children: Draft[] = draft.paras.slice(start, end).map((para) => {
    const split = clauseHeading(para, 30) as HeadingSplit;
    return {
      style: 'phrase',
      value: 0,
      number: null,
      marker: EMPTY,
      heading: split.heading,
      separator: split.separator,
      paras: split.body.text.length > 0 ? [split.body] : [],
      children: [],
      offset: startOffset(para),
    };
  });
  const last = children[children.length - 1] as Draft;
  // Paragraphs after the run follow the last parallel point in the source, so they stay with it.
  last.paras.push(...draft.paras.slice(end));
  draft.paras = draft.paras.slice(0, start);
  draft.children = [...children, ...draft.children];
}

export function findSubitems(nodes: Draft[]): void {
  const all: Draft[] = [];
  walk(nodes, (draft) => all.push(draft));
  for (const draft of all) {
    if (!splitInline(draft, '是') && !splitInline(draft, '要')) splitParallel(draft);
  }
}
