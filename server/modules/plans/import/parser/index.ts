/**
 * parsePlan: the plain text of a work plan (工作要点) → PlanOutline. Pure: no I/O, never throws.
 *
 * Conservation. Every non-white-space character of the input lands in exactly one place, in source
 * order: the title, the preamble, a node's heading or body, the closing, or `removed` — apart from the
 * characters of numbering markers (brackets and separator included, "（一）", "1、"), which `number`
 * stands for, and the one comma or colon between a heading and its body on the same line. Nothing else
 * is rewritten: punctuation variants are recognised alike but kept as written. White space is not
 * conserved: it is dropped between Chinese characters and collapsed to one space between Latin ones.
 * `parsePlanTraced` returns, for every place, the source ranges it holds, which the property tests
 * check against the input.
 */
import { brandActivitiesIn, dedupe } from './brands.ts';
import { emptySectionWarnings, quoteWarnings, yearWarning } from './checks.ts';
import { walk, type Draft, type Warning } from './draft.ts';
import type { ParseOptions, PlanNode, PlanOutline, UnitKeyword } from './outline.ts';
import { toParagraphs } from './paragraphs.ts';
import { startOffset, type Block } from './span.ts';
import { buildStructure } from './structure.ts';
import { findSubitems } from './subitems.ts';
import { proposeTasks } from './tasks.ts';
import { findTitle, yearIn } from './title.ts';
import { tidy } from './text.ts';
import { DEFAULT_UNIT_KEYWORDS, responsibilityIn } from './units.ts';

export type { ParseOptions, PlanNode, PlanOutline, UnitKeyword } from './outline.ts';
export { DEFAULT_UNIT_KEYWORDS } from './units.ts';
export { formatOutline } from './format.ts';

export type Place =
  'title' | 'preamble' | 'heading' | 'body' | 'closing' | 'removed' | 'marker' | 'separator';

export interface TraceEntry {
  place: Place;
  /** The string as it appears in the outline (for a marker: its `number`). */
  text: string;
  /** Source ranges [start, end) the string was made from. */
  ranges: Array<[number, number]>;
}

export interface TracedOutline {
  outline: PlanOutline;
  trace: TraceEntry[];
}

function ranges(blocks: readonly Block[]): Array<[number, number]> {
  return blocks.flatMap((b) => b.segs.map((s): [number, number] => [s.start, s.start + s.len]));
}

function paragraphsText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => tidy(b.text))
    .filter((t) => t.length > 0)
    .join('\n');
}

interface Context {
  keywords: readonly UnitKeyword[];
  trace: TraceEntry[];
}

function toNode(
  draft: Draft,
  ancestors: readonly PlanNode[],
  headings: readonly string[],
  context: Context,
): PlanNode {
  const heading = tidy(draft.heading.text);
  const body = paragraphsText(draft.paras);
  const own = `${heading}\n${body}`;
  const { lead, cooperating } = responsibilityIn(own);
  context.trace.push(
    { place: 'marker', text: draft.number ?? '', ranges: ranges([draft.marker]) },
    { place: 'heading', text: heading, ranges: ranges([draft.heading]) },
    { place: 'separator', text: '', ranges: ranges([draft.separator]) },
    { place: 'body', text: body, ranges: ranges(draft.paras) },
  );
  const inherited = lead.length > 0 ? lead : (ancestors.findLast((a) => a.lead.length > 0)?.lead ?? []);
  const taskContext = { lead: inherited, headings: [heading, ...headings], keywords: context.keywords };
  const leafText = body.length === 0 && draft.children.length === 0 ? heading : body;
  const node: PlanNode = {
    number: draft.number,
    heading,
    body,
    children: [],
    lead,
    cooperating,
    brandActivities: brandActivitiesIn(`${heading}。${body}`),
    proposedTasks: proposeTasks(leafText, taskContext),
  };
  node.children = draft.children.map((child) =>
    toNode(child, [...ancestors, node], [heading, ...headings], context),
  );
  return node;
}

function collectBrands(preamble: string, nodes: readonly PlanNode[], closing: string): string[] {
  const names = [...brandActivitiesIn(preamble)];
  const visit = (list: readonly PlanNode[]): void => {
    for (const node of list) {
      names.push(...node.brandActivities);
      visit(node.children);
    }
  };
  visit(nodes);
  names.push(...brandActivitiesIn(closing));
  return dedupe(names);
}

function warningsFor(structure: ReturnType<typeof buildStructure>, year: number | null): Warning[] {
  const blocks: Block[] = [...structure.preamble, ...structure.closing];
  walk(structure.nodes, (d) => blocks.push(d.heading, ...d.paras));
  const warnings = [
    ...structure.warnings,
    ...emptySectionWarnings(structure.nodes),
    ...quoteWarnings(blocks),
    ...yearWarning(year, blocks),
  ];
  return warnings.sort((a, b) => a.offset - b.offset);
}

function parse(text: string, options: ParseOptions): TracedOutline {
  const { paragraphs, removed } = toParagraphs(text);
  const titled = findTitle(paragraphs);
  const structure = buildStructure(titled.body);
  findSubitems(structure.nodes);
  const trace: TraceEntry[] = [];
  const title = titled.title ? tidy(titled.title.text) : '';
  const preamble = paragraphsText(structure.preamble);
  const closing = paragraphsText(structure.closing);
  trace.push({ place: 'title', text: title, ranges: ranges(titled.title ? [titled.title] : []) });
  trace.push({ place: 'preamble', text: preamble, ranges: ranges(structure.preamble) });
  const context: Context = { keywords: options.unitKeywords ?? DEFAULT_UNIT_KEYWORDS, trace };
  const nodes = structure.nodes.map((draft) => toNode(draft, [], [], context));
  trace.push({ place: 'closing', text: closing, ranges: ranges(structure.closing) });
  const removedBlocks = [...removed, ...titled.removed].filter((b) => b.text.length > 0);
  removedBlocks.sort((a, b) => startOffset(a) - startOffset(b));
  for (const block of removedBlocks)
    trace.push({ place: 'removed', text: block.text, ranges: ranges([block]) });
  const year = yearIn(title) ?? yearIn(preamble);
  const warnings = warningsFor(structure, yearIn(title));
  if (nodes.length === 0 && preamble.length > 0)
    warnings.push({ message: '没有识别出任何部分或条目', offset: 0 });
  const outline: PlanOutline = {
    title,
    year,
    preamble,
    closing,
    nodes,
    brandActivities: collectBrands(preamble, nodes, closing),
    removed: removedBlocks.map((b) => b.text),
    warnings,
  };
  return { outline, trace };
}

const EMPTY_OUTLINE: PlanOutline = {
  title: '',
  year: null,
  preamble: '',
  closing: '',
  nodes: [],
  brandActivities: [],
  removed: [],
  warnings: [],
};

/** The outline and, for every place in it, the source ranges it came from. */
export function parsePlanTraced(text: string, options: ParseOptions = {}): TracedOutline {
  if (typeof text !== 'string' || text.length === 0) return { outline: { ...EMPTY_OUTLINE }, trace: [] };
  return parse(text, options);
}

export function parsePlan(text: string, options: ParseOptions = {}): PlanOutline {
  return parsePlanTraced(text, options).outline;
}
