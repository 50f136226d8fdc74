/**
 * Generated plan documents for property tests and the benchmark: sections, items in several numbering
 * styles, 一是/二是 runs, responsibility hints, brand lists, website boilerplate, page markers, stray
 * spaces and broken lines — with the tree the parser should find for the well-formed ones.
 */
import fc from 'fast-check';

export interface GeneratedItem {
  style: 'paren-cn' | 'arabic' | 'phrase-space' | 'phrase-colon';
  heading: string;
  sentences: string[];
}

export interface GeneratedSection {
  heading: string;
  intro: string;
  items: GeneratedItem[];
}

export interface GeneratedPlan {
  year: number;
  title: string;
  preamble: string;
  sections: GeneratedSection[];
  closing: string;
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const HEADINGS = [
  '强化政治引领',
  '营造浓厚氛围',
  '防范化解风险',
  '加强民族宗教工作',
  '促进民营经济健康发展',
  '做好港澳台海外统战工作',
  '加强党外代表人士队伍建设',
  '支持民主党派参政议政',
  '夯实基层基础',
  '强化“政治引领”',
  '积极助推我省“三个走在前”',
  '深化理论武装',
];
const SENTENCES = [
  '深入学习贯彻习近平新时代中国特色社会主义思想，不断增强“四个意识”。',
  '持续打造“同心工程”“XX 新阶层服务乡村振兴行动”等品牌活动。',
  '加强党外知识分子联谊交友，建立健全联系服务机制（牵头单位：党外知识分子工作处，配合单位：市委组织部、市人社局）。',
  '支持各民主党派开展民主监督；完善参政议政工作机制。',
  '推进宗教中国化，铸牢中华民族共同体意识（责任部门:民族宗教处）。',
  '举办“海外华文媒体看黄河”等活动，讲好 XX 故事。',
  '一是加强思想引领，组织专题学习；二是强化实践锻炼，选派干部挂职；三是完善考核机制。',
  '引导民营企业参与乡村振兴，做深做实“万企兴万村”行动。',
  '加强统战干部培训，全年培训 2000 人次，覆盖率达到 95％。',
];
const BOILERPLATE = [
  '推荐访问：统战工作要点 工作计划',
  '上一篇：2021年工作总结',
  '下一篇：2023年统战工作要点',
  '当前位置：首页 > 工作计划 > 统战',
  '发布时间：2022-03-01 来源：XX统战网 点击：1024',
  '图为全市统战部长会议现场',
  '本文由会员分享，可在线阅读',
];

const itemArb: fc.Arbitrary<GeneratedItem> = fc.record({
  style: fc.constantFrom('paren-cn', 'arabic', 'phrase-space', 'phrase-colon'),
  heading: fc.constantFrom(...HEADINGS),
  sentences: fc.array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 3 }),
});

const sectionArb: fc.Arbitrary<GeneratedSection> = fc.record({
  heading: fc.constantFrom(...HEADINGS),
  intro: fc.constantFrom(...SENTENCES),
  items: fc.array(itemArb, { minLength: 0, maxLength: 5 }),
});

export const planArb: fc.Arbitrary<GeneratedPlan> = fc
  .record({
    year: fc.integer({ min: 2015, max: 2030 }),
    preamble: fc.constantFrom(...SENTENCES),
    sections: fc.array(sectionArb, { minLength: 1, maxLength: 6 }),
  })
  .map(({ year, preamble, sections }) => ({
    year,
    title: `${year}年XX县统战工作要点`,
    preamble,
    sections,
    closing: `让我们以优异成绩迎接新的胜利，${year}年我们将继续奋斗。`,
  }));

const ARABIC_SEPARATORS = ['.', '．', '、', ' .'];

function itemLine(item: GeneratedItem, index: number): string {
  const body = item.sentences.join('');
  switch (item.style) {
    case 'paren-cn':
      return `（${CN[index] ?? '十'}）${item.heading}。${body}`;
    case 'arabic':
      return `${index + 1}${ARABIC_SEPARATORS[index % ARABIC_SEPARATORS.length]}${item.heading}。${body}`;
    case 'phrase-space':
      return `${item.heading} ${body}`;
    case 'phrase-colon':
      return `${item.heading}：${body}`;
  }
}

/** The document as a list of lines. Items under one section share the first item's style. */
export function planLines(plan: GeneratedPlan): string[] {
  const lines = [plan.title, plan.preamble];
  plan.sections.forEach((section, s) => {
    lines.push(`${CN[s] ?? '十'}、${section.heading} ${section.intro}`);
    const style = section.items[0]?.style;
    section.items.forEach((item, i) => lines.push(itemLine({ ...item, style: style ?? item.style }, i)));
  });
  lines.push(plan.closing);
  return lines;
}

export interface Noise {
  boilerplate: Array<{ at: number; line: string }>;
  breaks: number[];
  oneLine: boolean;
  pageMarker: boolean;
}

export const noiseArb: fc.Arbitrary<Noise> = fc.record({
  boilerplate: fc.array(fc.record({ at: fc.nat(), line: fc.constantFrom(...BOILERPLATE) }), { maxLength: 4 }),
  breaks: fc.array(fc.nat(), { maxLength: 6 }),
  oneLine: fc.boolean(),
  pageMarker: fc.boolean(),
});

/** A noisy rendering: boilerplate lines, a page marker glued to the title, lines broken mid-sentence. */
export function renderNoisy(plan: GeneratedPlan, noise: Noise): string {
  const lines = planLines(plan);
  // Breaks fall inside the body lines, between two Chinese characters, as a copy from a PDF does.
  for (const at of noise.breaks) {
    const row = 1 + (at % (lines.length - 1));
    const line = lines[row] ?? '';
    const i = 10 + (at % Math.max(1, line.length - 10));
    if (
      /\p{Script=Han}/u.test(line[i - 1] ?? '') &&
      /\p{Script=Han}/u.test(line[i] ?? '') &&
      line.length > 40
    ) {
      lines[row] = `${line.slice(0, i)}\n${line.slice(i)}`;
    }
  }
  if (noise.pageMarker) lines[0] = `${lines[0]}第1页共5页`;
  for (const { at, line } of noise.boilerplate) lines.splice(1 + (at % lines.length), 0, line);
  return lines.join(noise.oneLine ? '' : '\n');
}

/** A plain document of roughly `size` characters, for the benchmark. */
export function largePlan(size: number): string {
  const lines: string[] = ['2024年XX市统战工作要点'];
  let s = 0;
  while (lines.join('\n').length < size) {
    lines.push(`${CN[s % CN.length]}、${HEADINGS[s % HEADINGS.length]} ${SENTENCES[s % SENTENCES.length]}`);
    for (let i = 0; i < 8; i++)
      lines.push(
        `（${CN[i]}）${HEADINGS[(s + i) % HEADINGS.length]}。${SENTENCES[(s + i) % SENTENCES.length]}${SENTENCES[(s + i + 3) % SENTENCES.length]}`,
      );
    s++;
  }
  return lines.join('\n');
}
