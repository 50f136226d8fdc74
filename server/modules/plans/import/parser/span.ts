/**
 * A Block is a run of text with the source offsets of every character it holds, so that each piece of
 * the outline can say exactly which characters of the input it came from (the conservation proof and
 * the warnings' offsets rest on this). Pieces of different lines are joined with "\n", which maps to
 * no source character.
 */
import { isWs } from './text.ts';

export interface Seg {
  /** Index of the run in Block.text. */
  at: number;
  /** Offset of the run in the source. */
  start: number;
  len: number;
}

export interface Block {
  text: string;
  segs: Seg[];
}

export const EMPTY: Block = { text: '', segs: [] };

export function blockOf(source: string, start: number, end: number): Block {
  return { text: source.slice(start, end), segs: end > start ? [{ at: 0, start, len: end - start }] : [] };
}

/** The characters [from, to) of a block, keeping their source offsets. */
export function slice(block: Block, from: number, to: number = block.text.length): Block {
  const a = Math.max(0, from);
  const b = Math.min(block.text.length, to);
  if (b <= a) return EMPTY;
  const segs: Seg[] = [];
  for (const seg of block.segs) {
    const s = Math.max(seg.at, a);
    const e = Math.min(seg.at + seg.len, b);
    if (e > s) segs.push({ at: s - a, start: seg.start + (s - seg.at), len: e - s });
  }
  return { text: block.text.slice(a, b), segs };
}

export function join(blocks: readonly Block[]): Block {
  const parts: string[] = [];
  const segs: Seg[] = [];
  let at = 0;
  for (const block of blocks) {
    if (block.text.length === 0) continue;
    if (parts.length > 0) {
      parts.push('\n');
      at += 1;
    }
    parts.push(block.text);
    for (const seg of block.segs) segs.push({ ...seg, at: seg.at + at });
    at += block.text.length;
  }
  return { text: parts.join(''), segs };
}

export function trim(block: Block): Block {
  let a = 0;
  let b = block.text.length;
  while (a < b && isWs(block.text[a])) a++;
  while (b > a && isWs(block.text[b - 1])) b--;
  return a === 0 && b === block.text.length ? block : slice(block, a, b);
}

/** Source offset of the character at index i (the nearest mapped one for a join point). */
export function offsetAt(block: Block, i: number): number {
  let last = 0;
  for (const seg of block.segs) {
    if (i < seg.at) return seg.start;
    if (i < seg.at + seg.len) return seg.start + (i - seg.at);
    last = seg.start + seg.len;
  }
  return last;
}

export function startOffset(block: Block): number {
  return block.segs[0]?.start ?? 0;
}
