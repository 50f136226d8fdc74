/**
 * Where a heading ends and its body begins: "强化政治引领 引导…" (a space), "贯穿“一条主线”:…" (a
 * colon), "强化思想理论武装,提高“四个意识”。…" (a first sentence), or a heading alone on its line.
 */
import { EMPTY, slice, trim, type Block } from './span.ts';
import { isWs, QUOTES, visibleLength } from './text.ts';

export interface HeadingSplit {
  heading: Block;
  /** The colon or comma between heading and body, which belongs to neither. */
  separator: Block;
  body: Block;
}

const MAX_HEADING = 40;
const MAX_SENTENCE_HEADING = 30;
const CLAUSE_BREAK = '，,。；;！!？?';
const HINT_LABEL = /(牵头|责任|配合|协办|主责|参与)(单位|部门)?$/;
const NUMERAL = /[0-9０-９一二三四五六七八九十〇两]/;
const UNIT_AFTER_NUMERAL = /[0-9０-９一二三四五六七八九十年月日届次个号]/;
const PLACEHOLDER = /[A-Za-z×*＊]/;

/** A space that is a typing accident ("2022 年", "二 十大", "智汇 XX") rather than a separator. */
function isStraySpace(before: string, after: string): boolean {
  if (NUMERAL.test(before) && UNIT_AFTER_NUMERAL.test(after)) return true;
  return PLACEHOLDER.test(before) || PLACEHOLDER.test(after);
}

function split(block: Block, end: number, bodyFrom: number, separatorFrom = end): HeadingSplit {
  return {
    heading: trim(slice(block, 0, end)),
    separator: trim(slice(block, separatorFrom, bodyFrom)),
    body: trim(slice(block, bodyFrom)),
  };
}

/** Scan the opening characters for a space or colon that ends a heading phrase. */
function phraseEnd(text: string): 'none' | { space: number; resume: number } | { colon: number } {
  let quoteOpen = false;
  let seen = 0;
  for (let i = 0; i < text.length && seen <= MAX_HEADING; i++) {
    const ch = text[i] ?? '';
    if (QUOTES.includes(ch)) quoteOpen = !quoteOpen;
    if (CLAUSE_BREAK.includes(ch) || ch === '（' || ch === '(') return 'none';
    if ((ch === '：' || ch === ':') && !quoteOpen) {
      return seen >= 2 && !HINT_LABEL.test(text.slice(0, i)) ? { colon: i } : 'none';
    }
    if (isWs(ch) && !quoteOpen && seen >= 2) {
      let j = i;
      while (j < text.length && isWs(text[j])) j++;
      if (j < text.length && !isStraySpace(text[i - 1] ?? '', text[j] ?? '')) return { space: i, resume: j };
      i = j - 1;
      continue;
    }
    if (!isWs(ch)) seen++;
  }
  return 'none';
}

/** Heading by space or colon on the same line; null when the paragraph has no such heading. */
export function phraseHeading(block: Block): HeadingSplit | null {
  const found = phraseEnd(block.text);
  if (found === 'none') return null;
  if ('colon' in found) return split(block, found.colon, found.colon + 1);
  return split(block, found.space, found.resume);
}

/** "强化思想理论武装,提高“四个意识”。…": a short first sentence followed by more. */
export function sentenceHeading(block: Block): HeadingSplit | null {
  const end = block.text.search(/[。！!]/);
  if (end < 0 || visibleLength(block.text.slice(0, end)) > MAX_SENTENCE_HEADING) return null;
  const body = trim(slice(block, end + 1));
  if (body.text.length === 0) return null;
  return { heading: trim(slice(block, 0, end + 1)), separator: EMPTY, body };
}

/** A short line with no sentence punctuation: a heading whose body is on the following lines. */
export function isOwnLineHeading(block: Block, limit = 30): boolean {
  const length = visibleLength(block.text);
  return length >= 2 && length <= limit && !/[，,。；;！!？?]/.test(block.text);
}

const BEFORE_HINT = /^[^，,。；;（(]{2,40}(?=[（(](牵头|责任|主责|配合))/;

/** "强化思想政治引领（牵头单位：…）": the heading stops where the responsibility hint starts. */
function hintHeading(rest: Block): HeadingSplit | null {
  const m = BEFORE_HINT.exec(rest.text);
  return m ? split(rest, m[0].length, m[0].length) : null;
}

/** A numbered item that is one short sentence ("（1）建设统战文化长廊。") is all heading. */
export function isShortSentence(block: Block): boolean {
  const inner = block.text.slice(0, -1);
  return (
    visibleLength(block.text) <= MAX_HEADING && /[。！!；;]$/.test(block.text) && !/[。！!；;]/.test(inner)
  );
}

/** Heading of a numbered paragraph (the text after its marker). */
export function numberedHeading(rest: Block): HeadingSplit {
  const found = phraseHeading(rest) ?? sentenceHeading(rest) ?? hintHeading(rest);
  if (found) return found;
  if (
    isOwnLineHeading(rest, MAX_HEADING) ||
    isShortSentence(rest) ||
    /^[^，,。；;]{2,40}[：:]$/.test(rest.text)
  ) {
    return { heading: rest, separator: EMPTY, body: EMPTY };
  }
  return { heading: EMPTY, separator: EMPTY, body: rest };
}

/** "聚焦在…上走在前，…": the first clause as a heading, the comma as separator. */
export function clauseHeading(block: Block, limit: number): HeadingSplit | null {
  const end = block.text.search(/[，,：:]/);
  if (
    end < 0 ||
    visibleLength(block.text.slice(0, end)) > limit ||
    visibleLength(block.text.slice(0, end)) < 2
  )
    return null;
  if (/[。；;！!？?]/.test(block.text.slice(0, end))) return null;
  return split(block, end, end + 1);
}
