/**
 * The conservation check the property tests run: every non-white-space character of the input is held
 * by exactly one trace entry, entries hold their characters in source order, and each entry's string
 * is exactly its source characters (white space aside; a marker's `number` is its characters without
 * brackets and separator; a separator is one comma or colon).
 */
import type { TracedOutline } from '../index.ts';
import { isWs, squeeze } from '../text.ts';

const MARKER_PUNCTUATION = /[（）()、.．\s]/g;

function sourceOf(input: string, ranges: ReadonlyArray<[number, number]>): string {
  return ranges.map(([a, b]) => input.slice(a, b)).join('');
}

function checkEntryText(input: string, entry: TracedOutline['trace'][number]): string | null {
  const source = squeeze(sourceOf(input, entry.ranges));
  if (entry.place === 'marker') {
    return source.replace(MARKER_PUNCTUATION, '') === entry.text
      ? null
      : `marker ${source} ≠ number ${entry.text}`;
  }
  if (entry.place === 'separator') return /^[，,：:]?$/.test(source) ? null : `separator holds "${source}"`;
  return squeeze(entry.text) === source
    ? null
    : `${entry.place} "${entry.text.slice(0, 40)}" ≠ source "${source.slice(0, 40)}"`;
}

function checkOrder(entries: TracedOutline['trace'], label: string): string | null {
  let last = -1;
  for (const entry of entries) {
    for (const [a, b] of entry.ranges) {
      if (a < last) return `${label} out of source order at ${a}`;
      last = b;
    }
  }
  return null;
}

/** null when conserved, else a description of the first problem. */
export function conservationProblem(input: string, traced: TracedOutline): string | null {
  const held = new Uint8Array(input.length);
  for (const entry of traced.trace) {
    for (const [a, b] of entry.ranges) {
      for (let i = a; i < b; i++) {
        if (held[i] === 1) return `character ${i} (${input[i]}) held twice`;
        held[i] = 1;
      }
    }
    const problem = checkEntryText(input, entry);
    if (problem) return problem;
  }
  for (let i = 0; i < input.length; i++) {
    if (held[i] === 0 && !isWs(input[i])) return `character ${i} (${input[i]}) lost`;
  }
  const content = traced.trace.filter((e) => e.place !== 'removed');
  return (
    checkOrder(content, 'content') ??
    checkOrder(
      traced.trace.filter((e) => e.place === 'removed'),
      'removed',
    )
  );
}
