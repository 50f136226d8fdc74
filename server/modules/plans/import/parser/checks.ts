/** Warnings about what the parser was unsure of, each with its offset in the source. */
import type { Draft, Warning } from './draft.ts';
import { offsetAt, type Block } from './span.ts';
import { QUOTES } from './text.ts';
import { yearsIn } from './title.ts';

const ANY_QUOTE = new RegExp(`[${QUOTES}]`);
const ALL_QUOTES = new RegExp(`[${QUOTES}]`, 'g');

/** Quotes of any form counted alike: an odd count means one is missing or stray. */
export function quoteWarnings(blocks: readonly Block[]): Warning[] {
  const warnings: Warning[] = [];
  for (const block of blocks) {
    const first = block.text.search(ANY_QUOTE);
    if (first < 0) continue;
    const count = block.text.match(ALL_QUOTES)?.length ?? 0;
    if (count % 2 === 1)
      warnings.push({ message: '引号不成对，请核对这一段', offset: offsetAt(block, first) });
  }
  return warnings;
}

/** A section with no items, when other sections have them. */
export function emptySectionWarnings(nodes: readonly Draft[]): Warning[] {
  if (!nodes.some((n) => n.children.length > 0)) return [];
  return nodes
    .filter((n) => n.children.length === 0)
    .map((n) => ({ message: `第${n.number ?? ''}部分没有识别出条目`, offset: n.offset }));
}

/** The body's most named year, when it differs from the title's. */
export function yearWarning(titleYear: number | null, blocks: readonly Block[]): Warning[] {
  if (titleYear === null) return [];
  const counts = new Map<number, { count: number; offset: number }>();
  for (const block of blocks) {
    for (const { year, index } of yearsIn(block.text)) {
      const entry = counts.get(year) ?? { count: 0, offset: offsetAt(block, index) };
      entry.count++;
      counts.set(year, entry);
    }
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1].count - a[1].count);
  const top = ranked[0];
  if (!top || top[0] === titleYear || counts.has(titleYear)) return [];
  return [{ message: `标题年份（${titleYear}年）与正文年份（${top[0]}年）不一致`, offset: top[1].offset }];
}
