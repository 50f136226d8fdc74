/** Numbering markers: 一、 （一） 1. （1） ① at the start of a paragraph, and 一是…二是 inside one. */
import { arabicNumber, chineseNumber, WS } from './text.ts';

export type MarkerStyle = 'cn' | 'paren-cn' | 'arabic' | 'paren-arabic' | 'circled';

export interface Marker {
  style: MarkerStyle;
  value: number;
  /** As written, without brackets or separator: "一", "1", "①". */
  number: string;
  /** Characters the marker occupies, its separator included. */
  length: number;
}

const CN = '[一二三四五六七八九十]{1,3}';
const DIGITS = '[0-9０-９]{1,3}';
const S = `[${WS}]*`;
// Each pattern is anchored and has no nested quantifier, so it costs a few steps per paragraph.
const PATTERNS: ReadonlyArray<[MarkerStyle, RegExp]> = [
  ['paren-cn', new RegExp(`^[（(]${S}(${CN})${S}[）)][、.．]?`)],
  ['paren-arabic', new RegExp(`^[（(]${S}(${DIGITS})${S}[）)][、.．]?`)],
  ['cn', new RegExp(`^(${CN})${S}[、.．]`)],
  ['arabic', new RegExp(`^(${DIGITS})${S}[.．、](?![0-9０-９])`)],
  ['circled', /^([\u2460-\u2473])[、.．]?/],
];

function valueOf(style: MarkerStyle, number: string): number | null {
  switch (style) {
    case 'cn':
    case 'paren-cn':
      return chineseNumber(number);
    case 'arabic':
    case 'paren-arabic':
      return arabicNumber(number);
    case 'circled':
      return number.charCodeAt(0) - 0x2460 + 1;
  }
}

/** The marker a paragraph starts with, if any (text must already be trimmed at the start). */
export function markerAt(text: string): Marker | null {
  for (const [style, pattern] of PATTERNS) {
    const m = pattern.exec(text);
    const number = m?.[1];
    if (!m || number === undefined) continue;
    const value = valueOf(style, number);
    if (value === null || value === 0) continue;
    return { style, value, number, length: m[0].length };
  }
  return null;
}

/** Where a marker may begin in the middle of a line: after a sentence end or white space. */
const MIDLINE = new RegExp(
  `(?<=[。！？；!?;${WS}])(?:[（(]${S}(?:${CN}|${DIGITS})${S}[）)]|${CN}${S}[、.．]|${DIGITS}${S}[.．、](?![0-9０-９])|[\\u2460-\\u2473])`,
  'g',
);

/** Candidate marker positions inside a line (the caller decides which continue a sequence). */
export function midlineMarkers(text: string): Array<{ index: number; marker: Marker }> {
  const found: Array<{ index: number; marker: Marker }> = [];
  MIDLINE.lastIndex = 0;
  for (let m = MIDLINE.exec(text); m !== null; m = MIDLINE.exec(text)) {
    const marker = markerAt(text.slice(m.index, m.index + 12));
    if (marker) found.push({ index: m.index, marker });
  }
  return found;
}

export type InlineSuffix = '是' | '要';

export interface InlineMarker {
  index: number;
  value: number;
  length: number;
  number: string;
}

const INLINE = /(?<=^|[。！？；：，!?;:,）)\s])([一二三四五六七八九十]{1,2})(是|要)/g;

/** 一是…二是… (or 一要…二要…): the longest run counting up from 一 with the given suffix. */
export function inlineRun(text: string, suffix: InlineSuffix): InlineMarker[] {
  const run: InlineMarker[] = [];
  INLINE.lastIndex = 0;
  for (let m = INLINE.exec(text); m !== null; m = INLINE.exec(text)) {
    const digits = m[1] ?? '';
    if (m[2] !== suffix) continue;
    const value = chineseNumber(digits);
    if (value === run.length + 1) run.push({ index: m.index, value, length: m[0].length, number: m[0] });
  }
  return run.length >= 2 ? run : [];
}
