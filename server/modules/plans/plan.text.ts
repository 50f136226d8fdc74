// Chinese text as the plans module needs it: words (Intl.Segmenter, ICU's dictionary segmentation),
// search tokens, a similarity score and a word-level difference. Pure functions, no I/O.

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The word-like segments of a text, Latin letters lower-cased. */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) words.push(s.segment.toLowerCase());
  return words;
}

/** Every segment, word-like or not, so the pieces join back into the text. */
function segmentsOf(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * The search column: words separated by single spaces, with a space at both ends, so that
 * `LIKE '% 词 %'` matches a whole word on SQLite and PostgreSQL alike.
 */
export function searchTokensOf(...texts: string[]): string {
  const words = texts.flatMap(wordsOf);
  return words.length ? ` ${words.join(' ')} ` : ' ';
}

/** The distinct words of a search query (a word may hold `_`; the repository escapes LIKE wildcards). */
export function queryTokensOf(query: string): string[] {
  return [...new Set(wordsOf(query))];
}

const CJK = /[\u3400-\u9fff]/;

// Year numbers change every year and say nothing about whether two items are the same work.
function normaliseYears(text: string): string {
  return text.replace(/(19|20)\d{2}/g, '#年份#').replace(/[一二三四五六七八九十百]+周年/g, '#周年#');
}

/** Features for similarity: the words, plus character bigrams of the Chinese text (robust to segmentation). */
export function featuresOf(text: string): Set<string> {
  const normalised = normaliseYears(text);
  const features = new Set<string>(wordsOf(normalised).map((w) => `w:${w}`));
  const chars = Array.from(normalised).filter((c) => CJK.test(c));
  for (let i = 0; i + 1 < chars.length; i++) features.add(`b:${chars[i]}${chars[i + 1]}`);
  if (chars.length === 1) features.add(`b:${chars[0]}`);
  return features;
}

/** Dice coefficient 2|A∩B| / (|A| + |B|), in [0, 1]. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const f of small) if (large.has(f)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export function similarity(a: string, b: string): number {
  return dice(featuresOf(a), featuresOf(b));
}

export type DiffOp = 'equal' | 'insert' | 'delete';
export interface DiffSegment {
  op: DiffOp;
  text: string;
}

// Beyond this many segments on either side the LCS table would be too large; the difference is then
// reported as one deletion and one insertion.
const MAX_DIFF_SEGMENTS = 2000;

// Full- and half-width punctuation and the quote variants are the same text to a reader; the diff
// compares them alike and shows the right side's form.
const PUNCTUATION_ALIKE: Record<string, string> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '(': '（',
  ')': '）',
  '%': '％',
  '!': '！',
  '?': '？',
  '"': '“',
  '”': '“',
  '〞': '“',
  "'": '‘',
  '’': '‘',
};
const sameForm = (segment: string) => segment.replace(/[,:;()%!?"”〞'’]/g, (c) => PUNCTUATION_ALIKE[c] ?? c);

/** The difference from `before` to `after` over words (longest common subsequence of segments). */
export function wordDiff(before: string, after: string): DiffSegment[] {
  const a = segmentsOf(before).map(sameForm);
  const b = segmentsOf(after).map(sameForm);
  if (a.length > MAX_DIFF_SEGMENTS || b.length > MAX_DIFF_SEGMENTS) {
    return merge([
      { op: 'delete', text: before },
      { op: 'insert', text: after },
    ]);
  }
  const table = lcsTable(a, b);
  const out: DiffSegment[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: 'equal', text: a[i++]! });
      j++;
    } else if (
      j < b.length &&
      (i === a.length || cell(table, b.length, i, j + 1) >= cell(table, b.length, i + 1, j))
    ) {
      out.push({ op: 'insert', text: b[j++]! });
    } else {
      out.push({ op: 'delete', text: a[i++]! });
    }
  }
  return merge(out);
}

// table[i][j] = length of the LCS of a[i..] and b[j..], stored flat.
function lcsTable(a: string[], b: string[]): Uint16Array {
  const width = b.length + 1;
  const table = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  return table;
}

function cell(table: Uint16Array, bLength: number, i: number, j: number): number {
  return table[i * (bLength + 1) + j]!;
}

function merge(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (const s of segments) {
    if (s.text.length === 0) continue;
    const last = out[out.length - 1];
    if (last && last.op === s.op) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
