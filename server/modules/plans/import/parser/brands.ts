/**
 * Brand activities (品牌活动): names the text presents as activities or brands — lists before
 * "等品牌活动/等活动", quoted names followed by "工作品牌/活动", and quoted names carried out with a verb
 * such as 做深做实/开展 when one of them is plainly an activity. Slogans and doctrines are not brands.
 */
import { QUOTES, squeeze } from './text.ts';

interface Found {
  at: number;
  name: string;
}

interface Quoted {
  start: number;
  end: number;
  inner: string;
}

const MAX_NAME = 25;
const DOCTRINE = /^[一二三四五六七八九十两]+个|^[一二三四五六七八九十百千万两]+$/;
const LIST_END = /^等(品牌活动|系列活动|主题活动|特色活动|工作品牌|品牌|活动|行动|项目)/;
const BRAND_AFTER = /^(工作品牌|品牌活动|系列活动|主题活动|品牌|活动|行动)/;
const LIST_VERB =
  /(打造|开展|举办|擦亮|实施|组织|办好|做深做实|做实|做深|做强|做优|用好|推出|搭建|创建|启动|深化|推进|举行|参与|推广)/g;
const RUN_VERB =
  /(做深做实|做实|做深|做强|做优|开展|举办|实施|打造|擦亮|深化|办好|组织|推进|用好|推广|参与)$/;
const ACTIVITY_END =
  /(行动|活动|行|工程|计划|论坛|讲堂|大赛|杯|节|周|月|营|季|之旅|工作室|联盟|基地|品牌|万村)$/;

function quotedSpans(text: string): Quoted[] {
  const spans: Quoted[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!QUOTES.includes(text[i] ?? '')) continue;
    let j = i + 1;
    while (j < text.length && j - i <= MAX_NAME + 1 && !QUOTES.includes(text[j] ?? '') && text[j] !== '。')
      j++;
    if (QUOTES.includes(text[j] ?? '')) {
      spans.push({ start: i, end: j + 1, inner: text.slice(i + 1, j) });
      i = j;
    }
  }
  return spans;
}

function isName(name: string): boolean {
  return name.length >= 2 && name.length <= MAX_NAME && !DOCTRINE.test(name) && !/[《》。；;，,]/.test(name);
}

function stripVerb(piece: string): string {
  let cut = 0;
  LIST_VERB.lastIndex = 0;
  for (let m = LIST_VERB.exec(piece); m !== null; m = LIST_VERB.exec(piece)) cut = m.index + m[0].length;
  return piece.slice(cut);
}

function firstSpanFrom(spans: readonly Quoted[], at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as Quoted).start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** "持续打造港澳山东千人行、“留学报国·智汇XX”等品牌活动" → both names. */
function listBefore(text: string, end: number, spans: readonly Quoted[]): Found[] {
  const windowStart = Math.max(0, end - 120);
  const window = text.slice(windowStart, end);
  const clauseStart =
    windowStart + Math.max(...['，', ',', '。', '；', ';', '：', ':'].map((p) => window.lastIndexOf(p))) + 1;
  const names: Found[] = [];
  let from = clauseStart;
  const pushPlain = (to: number): void => {
    const parts = text.slice(from, to).split('、');
    parts.forEach((part, i) =>
      names.push({ at: from + i, name: from === clauseStart && i === 0 ? stripVerb(part) : part }),
    );
  };
  for (let k = firstSpanFrom(spans, clauseStart); k < spans.length; k++) {
    const span = spans[k] as Quoted;
    if (span.end > end) break;
    pushPlain(span.start);
    names.push({ at: span.start, name: span.inner });
    from = span.end;
  }
  pushPlain(end);
  return names;
}

/** “万企兴万村”“XX新阶层服务乡村振兴行动”: quoted names side by side, after an activity verb. */
function quotedRuns(text: string, spans: readonly Quoted[]): Quoted[][] {
  const runs: Quoted[][] = [];
  for (const span of spans) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (run && previous && /^、?$/.test(text.slice(previous.end, span.start))) run.push(span);
    else runs.push([span]);
  }
  return runs;
}

/** Brand names in a text, de-duplicated, in order of appearance. */
const ANY_CUE = new RegExp(`[${QUOTES}等]`);

export function brandActivitiesIn(raw: string): string[] {
  if (!ANY_CUE.test(raw)) return [];
  const text = squeeze(raw);
  const spans = quotedSpans(text);
  const found: Found[] = [];
  for (let at = text.indexOf('等'); at >= 0; at = text.indexOf('等', at + 1)) {
    if (LIST_END.test(text.slice(at, at + 8))) found.push(...listBefore(text, at, spans));
  }
  for (const span of spans)
    if (BRAND_AFTER.test(text.slice(span.end, span.end + 6)))
      found.push({ at: span.start, name: span.inner });
  for (const run of quotedRuns(text, spans)) {
    const first = run[0] as Quoted;
    if (!RUN_VERB.test(text.slice(Math.max(0, first.start - 4), first.start))) continue;
    if (!run.some((s) => ACTIVITY_END.test(s.inner))) continue;
    for (const span of run) found.push({ at: span.start, name: span.inner });
  }
  found.sort((a, b) => a.at - b.at);
  return dedupe(found.map((f) => f.name).filter(isName));
}

export function dedupe(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const key = squeeze(name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(key);
  }
  return out;
}
