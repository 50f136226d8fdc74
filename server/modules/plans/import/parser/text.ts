/** Character classes and small text helpers shared by the parser stages. */

/** White space as the parser understands it: JavaScript's \s plus zero-width spaces and joiners. */
export const WS = '\\s\\u200b-\\u200d\\u2060';
const WS_RUN = new RegExp(`[${WS}]+`, 'g');
const WS_ONE = new RegExp(`[${WS}]`);

export function isWs(ch: string | undefined): boolean {
  return ch !== undefined && WS_ONE.test(ch);
}

/** All white space removed: the form in which conservation is stated and titles are compared. */
export function squeeze(text: string): string {
  return text.replace(WS_RUN, '');
}

const LATIN = /[A-Za-z0-9\u00c0-\u024f]/;

/**
 * White space as a reader wants it: gone between Chinese characters (stray spaces such as "二 十大",
 * "2022 年", line breaks inside a sentence), one space between two Latin words.
 */
export function tidy(text: string): string {
  return text
    .replace(WS_RUN, (_run: string, at: number, all: string) => {
      const before = all[at - 1];
      const after = all[at + _run.length];
      return before !== undefined && after !== undefined && LATIN.test(before) && LATIN.test(after)
        ? ' '
        : '';
    })
    .trim();
}

/** Punctuation that can end a paragraph; a line ending otherwise was broken mid-sentence. */
export const TERMINAL = '。！？；：!?;:…”’）)】」』"';
/** Any double-quote form: straight, curly either way round, full-width, 〝〞, corner brackets. */
export const QUOTES = '“”"〝〞＂「」『』';

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "一" → 1, "十一" → 11, "二十三" → 23; null for anything else. */
export function chineseNumber(text: string): number | null {
  if (text.length === 0 || text.length > 3) return null;
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 ? (CN_DIGITS[text] ?? null) : null;
  const tensPart = text.slice(0, ten);
  const onesPart = text.slice(ten + 1);
  const tens = tensPart === '' ? 1 : CN_DIGITS[tensPart];
  const ones = onesPart === '' ? 0 : CN_DIGITS[onesPart];
  if (tens === undefined || ones === undefined || tens === 0) return null;
  return tens * 10 + ones;
}

/** Full-width digits read as ASCII ones. */
export function arabicNumber(text: string): number {
  return Number(text.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
}

/** Length in characters once tidied: limits such as "a heading is at most 40 characters" use this. */
export function visibleLength(text: string): number {
  return squeeze(text).length;
}
