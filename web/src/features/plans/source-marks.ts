// The preview's left column: the source text cut into spans, marking what the parser removed
// (outline.removed, found in order) and the lines its warnings point at (outline.warnings[].offset).
// Spans are rendered as text by Vue, so nothing from the document is ever parsed as HTML.
import type { PlanWarning } from './api';

export type MarkKind = 'plain' | 'removed' | 'warning';

export interface SourceSpan {
  text: string;
  kind: MarkKind;
  // The warning messages for a 'warning' span.
  title?: string;
}

interface Range {
  start: number;
  end: number;
  kind: Exclude<MarkKind, 'plain'>;
  title?: string;
}

// Removed strings are "as written, in source order": search each one from where the previous ended.
function removedRanges(text: string, removed: readonly string[]): Range[] {
  const out: Range[] = [];
  let from = 0;
  for (const piece of removed) {
    if (!piece) continue;
    const at = text.indexOf(piece, from);
    if (at < 0) continue;
    out.push({ start: at, end: at + piece.length, kind: 'removed' });
    from = at + piece.length;
  }
  return out;
}

// A warning marks the whole line holding its offset (at least one character).
function warningRanges(text: string, warnings: readonly PlanWarning[]): Range[] {
  const byLine = new Map<number, Range>();
  for (const w of warnings) {
    const offset = Math.min(Math.max(w.offset, 0), Math.max(text.length - 1, 0));
    const start = text.lastIndexOf('\n', offset - 1) + 1;
    const nl = text.indexOf('\n', offset);
    const end = Math.max(nl < 0 ? text.length : nl, start + 1);
    const existing = byLine.get(start);
    if (existing) existing.title = `${existing.title ?? ''}；${w.message}`;
    else byLine.set(start, { start, end: Math.min(end, text.length), kind: 'warning', title: w.message });
  }
  return [...byLine.values()];
}

export function markSource(
  text: string,
  removed: readonly string[],
  warnings: readonly PlanWarning[],
): SourceSpan[] {
  // Warnings win over removed text where the two overlap; later ranges are clipped to earlier ones.
  const ranges = [...warningRanges(text, warnings), ...removedRanges(text, removed)];
  const kinds: Array<Range | undefined> = new Array<Range | undefined>(text.length);
  for (const r of ranges) for (let i = r.start; i < r.end; i++) kinds[i] ??= r;
  const spans: SourceSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const r = kinds[i];
    let j = i + 1;
    while (j < text.length && kinds[j] === r) j++;
    const span: SourceSpan = { text: text.slice(i, j), kind: r ? r.kind : 'plain' };
    if (r?.title) span.title = r.title;
    spans.push(span);
    i = j;
  }
  return spans;
}
