import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan, parsePlanTraced, type PlanNode, type PlanOutline } from './index.ts';
import { conservationProblem } from './testing/conservation.ts';

const read = (name: string): string =>
  readFileSync(new URL(`../../../../../test/fixtures/plans/${name}`, import.meta.url), 'utf8');

type Tree = Array<string | [string, Tree]>;

/** "number heading" per node, children nested: the exact shape each fixture must produce. */
function tree(nodes: readonly PlanNode[]): Tree {
  return nodes.map((n) => {
    const label = `${n.number ?? '·'} ${n.heading}`;
    return n.children.length > 0 ? [label, tree(n.children)] : label;
  });
}

function parsed(name: string): PlanOutline {
  const text = read(name);
  expect(conservationProblem(text, parsePlanTraced(text))).toBeNull();
  return parsePlan(text);
}

describe('county plan with （一）/1./（1） nesting and responsibility hints', () => {
  const outline = parsed('county-nested.txt');

  it('builds the tree, treating 1． 1、 and 1 . alike', () => {
    expect(outline.title).toBe('2023年XX县统战工作要点');
    expect(outline.preamble).toContain('党的二十大精神');
    expect(tree(outline.nodes)).toEqual([
      [
        '一 加强思想政治引领',
        [
          ['一 深化理论武装', ['1 组织学习。', '2 开展主题教育。']],
          [
            '一 营造良好氛围'.replace('一', '二'),
            [['1 做好宣传。', ['1 办好“统战讲堂”系列活动。', '2 建设统战文化长廊。']]],
          ],
        ],
      ],
      ['二 推动民营经济健康发展', ['一 构建亲清政商关系。', '二 加强商会建设。']],
    ]);
  });

  it('reads lead and cooperating units, each separately and in order', () => {
    const [first, second] = outline.nodes[0]?.children[0]?.children ?? [];
    expect(first?.lead).toEqual(['县委统战部']);
    expect(first?.cooperating).toEqual(['县委宣传部', '县委党校']);
    expect(second?.lead).toEqual(['党派工作科']);
    const publicity = outline.nodes[0]?.children[1]?.children[0];
    expect(publicity?.lead).toEqual(['县委统战部']);
    expect(publicity?.cooperating).toEqual(['县融媒体中心']);
    const relations = outline.nodes[1]?.children[0];
    expect(relations?.lead).toEqual(['县工商联']);
    expect(relations?.cooperating).toEqual(['县发展改革局', '各乡镇人民政府']);
  });

  it('suggests leads from the hint, inherited from the parent, or from the keyword map', () => {
    const publicity = outline.nodes[0]?.children[1]?.children[0];
    expect(publicity?.children[1]?.proposedTasks).toEqual([
      { text: '建设统战文化长廊。', suggestedLead: '县委统战部' },
    ]);
    expect(outline.nodes[1]?.children[1]?.proposedTasks).toEqual([
      { text: '推进商会改革发展。', suggestedLead: '工商联' },
    ]);
    expect(outline.brandActivities).toEqual(['统战讲堂', '万企兴万村']);
  });
});

describe('a whole document on one line', () => {
  const outline = parsed('one-line.txt');

  it('splits sections, items, title and closing out of the line', () => {
    expect(outline.title).toBe('2024年XX区统战工作要点');
    expect(outline.preamble.startsWith('坚持以习近平')).toBe(true);
    expect(tree(outline.nodes)).toEqual([
      ['一 把握工作主线', ['一 强化政治引领。', '二 加强民族宗教工作。']],
      ['二 提升能力水平', ['一 加强干部培训。']],
      '三 其他',
    ]);
    expect(outline.closing).toBe('让我们团结奋斗，2024年我们将再创佳绩。');
  });
});

describe('一是…二是 with 一要…三要 nested inside', () => {
  const outline = parsed('yishi.txt');

  it('turns the inline runs into children, keeping the lead-in as the body', () => {
    const section = outline.nodes[0];
    expect(section?.body).toBe('加强队伍建设，着力做好以下工作：');
    expect(tree(outline.nodes)).toEqual([
      [
        '一 加强党外代表人士队伍建设',
        [
          ['一是 加强教育培训', ['一要 办好培训班', '二要 开展实践锻炼', '三要 加强考核；']],
          '二是 完善举荐机制',
          '三是 做好安排使用工作。',
        ],
      ],
      '二 做好港澳台海外统战工作',
    ]);
    expect(outline.nodes[1]?.proposedTasks).toEqual([
      { text: '深化与港澳台侨交流交往。', suggestedLead: '港澳台海外联络处' },
    ]);
  });
});

describe('cover notice 关于印发《…》的通知', () => {
  const outline = parsed('cover-notice.txt');

  it('takes the title from inside the wrapper and removes addressee, notice, signature and repeat', () => {
    expect(outline.title).toBe('2023年XX市统战工作要点');
    expect(outline.year).toBe(2023);
    expect(outline.removed).toEqual([
      '关于印发《',
      '》的通知',
      '各区、县级市委统战部，市委统战部各处室：',
      '现将《2023年XX市统战工作要点》印发给你们，请结合实际认真贯彻落实。',
      '中共XX市委统战部',
      '2023年2月10日',
      '2023年XX市统战工作要点',
    ]);
    expect(outline.preamble.startsWith('2023年全市统战工作')).toBe(true);
  });

  it('reads a hint with trailing additions after the bracket', () => {
    const first = outline.nodes[0];
    expect(first?.heading).toBe('强化思想政治引领');
    expect(first?.lead).toEqual(['市委办公厅']);
    expect(first?.cooperating).toEqual(['市委政研室', '市政府办公厅', '各区、县级市政府']);
    expect(outline.nodes[1]?.brandActivities).toEqual(['港澳XX千人行', '留学报国·智汇XX']);
  });
});

describe('a copy riddled with page markers, chunk markers and site furniture', () => {
  const outline = parsed('page-markers.txt');

  it('removes and reports them, and rejoins the words they split', () => {
    expect(outline.title).toBe('2022年XX镇统战工作要点');
    expect(outline.removed).toEqual([
      '当前位置：首页 > 工作计划 > 统战工作',
      '第1页共3页',
      '发布时间：2022-02-15  来源：XX镇政府网  点击：1256',
      '编辑：张三',
      '2、',
      '▲ 图为镇统战工作会议现场',
      '第 2 页 共 3 页',
      '3、',
      '上一篇：2021年XX镇统战工作总结',
      '由会员分享，可在线阅读，更多相关《2022年XX镇统战工作要点》请在文库搜索。',
    ]);
    expect(tree(outline.nodes)).toEqual([
      ['一 加强政治引领', ['一 深化理论学习。', '二 加强阵地建设。']],
      ['二 服务乡村振兴', ['一 ']],
    ]);
    expect(outline.nodes[0]?.children[0]?.body).toContain('增强新时代统战工作的责任感');
    expect(outline.nodes[1]?.children[0]?.body).toContain('切实增强群众获得感');
  });
});

describe('continuous numbering and warnings', () => {
  const outline = parsed('continuous.txt');

  it('accepts 3, 4 continuing under 二 and warns about what it is unsure of, with offsets', () => {
    const text = read('continuous.txt');
    expect(tree(outline.nodes)).toEqual([
      ['一 政治引领', ['1 加强理论学习。', '2 开展主题教育。']],
      ['二 服务发展', ['3 服务民营经济。', '4 服务乡村振兴。']],
      ['三 队伍建设', ['一 加强干部培训。', '三 加强考核。', '五 加强监督。']],
      '四 基层基础',
    ]);
    expect(outline.warnings.map((w) => w.message)).toEqual([
      '编号不连续：一之后是三',
      '编号不连续：三之后是五',
      '引号不成对，请核对这一段',
      '第四部分没有识别出条目',
      '标题年份（2023年）与正文年份（2022年）不一致',
    ]);
    const [skip, jump, quote, empty, year] = outline.warnings;
    expect(text.slice(skip?.offset, (skip?.offset ?? 0) + 3)).toBe('（三）');
    expect(text.slice(jump?.offset, (jump?.offset ?? 0) + 3)).toBe('（五）');
    expect(text[quote?.offset ?? 0]).toBe('“');
    expect(text.slice(empty?.offset, (empty?.offset ?? 0) + 2)).toBe('四、');
    expect(text.slice(year?.offset, (year?.offset ?? 0) + 5)).toBe('2022年');
  });
});

describe('unnumbered headings and punctuation variants', () => {
  const outline = parsed('headings.txt');

  it('finds headings by colon, space, own line and first sentence, quotes included', () => {
    expect(outline.title).toBe('2023年XX市统战工作要点');
    expect(outline.removed).toEqual(['(范文)', '2023年XX市统战工作要点']);
    expect(tree(outline.nodes)).toEqual([
      ['一 突出思想引领', ['· 贯穿“一条主线”', '· 强化“政治引领”', '· 民营经济统战工作方面']],
      ['二 加强自身建设', ['· 强化思想理论武装,提高“四个意识”。', '· 坚持团结引领，凝聚人心。']],
      ['三 其他工作', ['一 做好海外联谊工作。']],
    ]);
    expect(outline.nodes[0]?.children[2]?.body).toBe(
      '持续推进民营经济人士理想信念教育，健全政企沟通协商机制。',
    );
    expect(outline.nodes[2]?.children[0]?.body).toContain('XX～XX年度交流计划，覆盖率达到95%以上');
  });
});
