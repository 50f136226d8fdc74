/**
 * Website boilerplate and page artefacts. Everything cut here is reported in `removed`; nothing is
 * dropped silently (only lines of pure white space vanish, as they hold no characters to account for).
 */
import { slice, trim, type Block } from './span.ts';
import { WS } from './text.ts';

const S = `[${WS}]*`;

/** Patterns that remove a whole line when it is short enough to be page furniture. */
const WHOLE_LINE: readonly RegExp[] = [
  new RegExp(`^${S}(?:当前位置|您的位置|你的位置|所在位置)${S}[:：]`),
  new RegExp(`^${S}(?:首页|网站首页|主页)${S}[>»＞›]`),
  new RegExp(
    `^${S}(?:责任编辑|编辑|作者|发布者|发布时间|发布日期|发布|时间|日期|来源|信息来源|文章来源|点击|点击数|点击量|浏览|浏览次数|阅读|阅读量|阅读次数|字号)${S}[:：]`,
  ),
  /由会员分享|会员上传|可在线阅读|文档下载|下载文档|全文下载/,
  new RegExp(`^${S}[（(]?${S}(?:图为|图片来源|图片|摄影|供图|图${S}[0-9]+)`),
  new RegExp(`^${S}[▲△]`),
  new RegExp(`^${S}(?:【[^】\\n]{1,8}】${S}){1,6}$`),
];
const WHOLE_LINE_MAX = 160;

/** Patterns cut out of a line wherever they sit (page markers glued to a title, one-line documents). */
const INLINE: readonly RegExp[] = [
  new RegExp(`第${S}[0-9０-９]{1,4}${S}页${S}[,，/／]?${S}共${S}[0-9０-９]{1,4}${S}页`, 'g'),
  new RegExp(`共${S}[0-9０-９]{1,4}${S}页${S}[,，/／]?${S}第${S}[0-9０-９]{1,4}${S}页`, 'g'),
  /(?:下面|以下)是[^。\n]{0,40}?(?:整理|收集|准备|分享|推荐)[^\n]{0,120}?(?:供大家参考(?:借鉴|学习)?|欢迎阅读(?:参考)?|仅供参考|希望对(?:大家|你)有所帮助|欢迎大家阅读)[。！!.]?/g,
  new RegExp(`(?:推荐访问|相关推荐|猜你喜欢|相关阅读|延伸阅读|上一篇|下一篇)${S}[:：].*$`, 'g'),
];

export interface Cut {
  kept: Block[];
  removed: Block[];
}

function cutRanges(line: Block): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const pattern of INLINE) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(line.text); m !== null; m = pattern.exec(line.text)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Split one physical line into the text that stays and the boilerplate that goes. */
export function cutBoilerplate(line: Block): Cut {
  const trimmed = trim(line);
  if (trimmed.text.length <= WHOLE_LINE_MAX && WHOLE_LINE.some((p) => p.test(trimmed.text))) {
    return { kept: [], removed: [trimmed] };
  }
  const kept: Block[] = [];
  const removed: Block[] = [];
  let from = 0;
  for (const [a, b] of cutRanges(trimmed)) {
    kept.push(slice(trimmed, from, a));
    removed.push(slice(trimmed, a, b));
    from = b;
  }
  kept.push(slice(trimmed, from));
  return { kept: kept.map(trim).filter((b) => b.text.length > 0), removed: removed.map(trim) };
}
