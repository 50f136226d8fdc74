/** The document title, cover-notice wrappers (关于印发《…》的通知) and repeated titles. */
import { slice, trim, type Block } from './span.ts';
import { squeeze, visibleLength, WS } from './text.ts';

export interface TitleResult {
  title: Block | null;
  body: Block[];
  removed: Block[];
}

const S = `[${WS}]*`;
const TITLE_WORD = /(要点|计划|方案|安排|意见|规划|清单|任务)/;
const SUFFIX = new RegExp(
  `(?:[（(]${S}(?:全文|完整版|最新版?|精选|范文|[0-9]+篇)${S}[）)]|范文(?:${S}[0-9一二三四五六七八九十]+篇)?|【[^】]{1,12}】)${S}$`,
);
const COVER = new RegExp(`^关于印发${S}[《<〈]([^》>〉]{2,80})[》>〉]${S}的?${S}通知$`);
const TITLE_THEN_BODY = new RegExp(
  `^([^。；;，,：:\\n]{2,40}?(?:要点|计划|方案|安排|规划))${S}(?:[（(]${S}全文${S}[）)])?[${WS}]+\\S`,
);
const DATE =
  /^[0-9０-９〇零一二三四五六七八九十○]{2,4}年[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日$/;
const SIGNATURE = /^(中共|中国共产党)?[^，。；,;]{2,28}(统战部|委员会|办公室|领导小组|党委|党组|政府|工委)$/;

function isTitleLike(text: string): boolean {
  const length = visibleLength(text);
  return length >= 4 && length <= 60 && TITLE_WORD.test(text) && !/[。；;！？]/.test(text);
}

/** Strip "(全文)", "范文" and the like off a title, reporting them. */
function stripSuffix(title: Block, removed: Block[]): Block {
  let current = title;
  for (let m = SUFFIX.exec(current.text); m !== null && m.index > 0; m = SUFFIX.exec(current.text)) {
    removed.push(trim(slice(current, m.index)));
    current = trim(slice(current, 0, m.index));
  }
  return current;
}

function isWrapperLine(text: string, title: string): boolean {
  const length = visibleLength(text);
  if (squeeze(text) === title) return true;
  if (length <= 120 && /[：:]$/.test(text) && /^各|：$|:$/.test(text)) return true;
  if (length <= 200 && /(现将|印发给你们|请结合实际|请认真贯彻)/.test(text)) return true;
  if (length <= 30 && (SIGNATURE.test(squeeze(text)) || DATE.test(squeeze(text)))) return true;
  return length <= 20 && /^[（(]此件/.test(text);
}

/** 关于印发《X》的通知 + addressee + 现将…印发给你们 + signature + date: the title is X, the rest goes. */
function coverNotice(paragraphs: Block[]): (TitleResult & { title: Block }) | null {
  const first = paragraphs[0];
  const m = first ? COVER.exec(squeeze(first.text)) : null;
  if (!first || !m || m[1] === undefined) return null;
  const open = first.text.search(/[《<〈]/);
  const close = first.text.search(/[》>〉]/);
  const removed = [trim(slice(first, 0, open + 1)), trim(slice(first, close))];
  const title = trim(slice(first, open + 1, close));
  let i = 1;
  while (i < paragraphs.length && i <= 8 && isWrapperLine(paragraphs[i]?.text ?? '', squeeze(title.text))) {
    removed.push(paragraphs[i] as Block);
    i++;
  }
  return { title, body: paragraphs.slice(i), removed };
}

/** "2023年XX县统战工作要点 坚持以…": a one-line document's title glued to its first paragraph. */
function gluedTitle(first: Block): { title: Block; rest: Block; end: number } | null {
  const m = TITLE_THEN_BODY.exec(first.text);
  if (!m || m[1] === undefined) return null;
  const end = m[0].length - 1;
  return { title: trim(slice(first, 0, end)), rest: trim(slice(first, end)), end };
}

/** Drop copies of the title that follow it, whole or as the start of a paragraph. */
function dropRepeats(title: string, body: Block[], removed: Block[]): Block[] {
  const out = [...body];
  for (let i = 0; i < Math.min(3, out.length); i++) {
    const paragraph = out[i] as Block;
    const cleaned = stripSuffix(paragraph, []);
    if (squeeze(cleaned.text) === title) {
      removed.push(paragraph);
      out.splice(i, 1);
      i--;
      continue;
    }
    const glued = gluedTitle(paragraph);
    if (glued && squeeze(stripSuffix(glued.title, []).text) === title) {
      removed.push(trim(slice(paragraph, 0, glued.end)));
      out[i] = glued.rest;
    }
  }
  return out.map(trim).filter((p) => p.text.length > 0);
}

export function findTitle(paragraphs: Block[]): TitleResult {
  const removed: Block[] = [];
  const cover = coverNotice(paragraphs);
  if (cover) {
    return {
      title: cover.title,
      body: dropRepeats(squeeze(cover.title.text), cover.body, cover.removed),
      removed: cover.removed,
    };
  }
  const first = paragraphs[0];
  if (!first) return { title: null, body: [], removed };
  let title: Block | null = null;
  let body = paragraphs.slice(1);
  const stripped = stripSuffix(first, removed);
  if (isTitleLike(stripped.text)) {
    title = stripped;
  } else {
    removed.length = 0;
    const glued = gluedTitle(first);
    if (glued) {
      title = stripSuffix(glued.title, removed);
      body = [glued.rest, ...body];
    } else {
      body = paragraphs;
    }
  }
  if (title) body = dropRepeats(squeeze(title.text), body, removed);
  return { title, body, removed };
}

const YEAR = new RegExp(`((?:19|20)[0-9]{2})(?=[${WS}]*[年—－~～\\-至到])`, 'g');
const CN_YEAR = /([〇零○一二三四五六七八九]{4})年/;

/** The first year named in a text ("2022年", "2021—2025年" → 2021, "二〇二二年"). */
export function yearIn(text: string): number | null {
  const squeezed = squeeze(text);
  YEAR.lastIndex = 0;
  const m = YEAR.exec(squeezed);
  if (m?.[1]) return Number(m[1]);
  const cn = CN_YEAR.exec(squeezed);
  if (!cn?.[1]) return null;
  const digits = [...cn[1]].map((c) => '〇零○一二三四五六七八九'.indexOf(c)).map((i) => (i <= 2 ? 0 : i - 2));
  return Number(digits.join(''));
}

/** Every year a body names, with where it names it. */
export function yearsIn(text: string): Array<{ year: number; index: number }> {
  const found: Array<{ year: number; index: number }> = [];
  const pattern = new RegExp(`((?:19|20)[0-9]{2})[${WS}]*年`, 'g');
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text))
    found.push({ year: Number(m[1]), index: m.index });
  return found;
}
