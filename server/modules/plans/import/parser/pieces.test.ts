import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brandActivitiesIn } from './brands.ts';
import { DEFAULT_UNIT_KEYWORDS, formatOutline, parsePlan } from './index.ts';
import { markerAt } from './markers.ts';
import { responsibilityIn, splitUnits, unitForText } from './units.ts';

describe('markers', () => {
  it.each([
    ['十一、其他', 'cn', 11, '十一'],
    ['（一）强化', 'paren-cn', 1, '一'],
    ['(二)强化', 'paren-cn', 2, '二'],
    ['1 .做好', 'arabic', 1, '1'],
    ['１．做好', 'arabic', 1, '１'],
    ['（3）建设', 'paren-arabic', 3, '3'],
    ['②推进', 'circled', 2, '②'],
  ])('%s', (text, style, value, number) => {
    expect(markerAt(text)).toMatchObject({ style, value, number });
  });

  it('does not take decimals or plain words for markers', () => {
    expect(markerAt('1.5万人参加')).toBeNull();
    expect(markerAt('一三三四部署')).toBeNull();
  });
});

describe('units', () => {
  it('reads every label form, in order, keeping 各区、县级市政府 whole', () => {
    expect(
      responsibilityIn(
        '做好工作（牵头单位：市委办公厅，配合单位：市委政研室、市政府办公厅，各区、县级市政府）',
      ),
    ).toEqual({
      lead: ['市委办公厅'],
      cooperating: ['市委政研室', '市政府办公厅', '各区、县级市政府'],
    });
    expect(responsibilityIn('(责任部门:党委统战部)')).toEqual({ lead: ['党委统战部'], cooperating: [] });
    expect(splitUnits('市民宗局、各区、县级市政府')).toEqual(['市民宗局', '各区、县级市政府']);
  });

  it('suggests a unit by the earliest keyword, from an editable map', () => {
    expect(unitForText('深化与港澳台侨交流交往', DEFAULT_UNIT_KEYWORDS)).toBe('港澳台海外联络处');
    expect(unitForText('引导民营企业参与乡村振兴', DEFAULT_UNIT_KEYWORDS)).toBe('经济处');
    expect(unitForText('加强统战干部培训', DEFAULT_UNIT_KEYWORDS)).toBe('干部处');
    expect(unitForText('完善举荐机制', DEFAULT_UNIT_KEYWORDS)).toBeNull();
    const outline = parsePlan('一、强化宗教工作 推进宗教中国化。', {
      unitKeywords: [{ keyword: '宗教', unit: '宗教局' }],
    });
    expect(outline.nodes[0]?.proposedTasks).toEqual([{ text: '推进宗教中国化。', suggestedLead: '宗教局' }]);
  });
});

describe('brand activities', () => {
  it('finds listed, quoted-with-brand and verb-carried names, and no slogans', () => {
    expect(brandActivitiesIn('持续打造港澳山东千人行、“留学报国·智汇 XX”等品牌活动')).toEqual([
      '港澳山东千人行',
      '留学报国·智汇XX',
    ]);
    expect(brandActivitiesIn('做深做实“万企兴万村”“XX 新阶层服务乡村振兴行动”')).toEqual([
      '万企兴万村',
      'XX新阶层服务乡村振兴行动',
    ]);
    expect(brandActivitiesIn('进一步擦亮”民主党派助力乡村振兴县区行“工作品牌')).toEqual([
      '民主党派助力乡村振兴县区行',
    ]);
    expect(
      brandActivitiesIn(
        '不断增强“四个意识”，深入开展“矢志不渝跟党走”政治交接主题教育，落实《中国共产党统一战线工作条例》',
      ),
    ).toEqual([]);
  });
});

describe('formatOutline', () => {
  it('renders the golden outline for a terminal', () => {
    const text = readFileSync(
      new URL(
        '../../../../../test/fixtures/plans/2022-province-united-front-key-points.txt',
        import.meta.url,
      ),
      'utf8',
    );
    const rendered = formatOutline(parsePlan(text));
    expect(rendered).toContain('标题：2022年统战工作要点');
    expect(rendered).toContain('一 把握一条主线');
    expect(rendered).toContain('    · 聚焦在服务和融入新发展格局上走在前');
    expect(rendered).toContain('品牌活动（9）');
    expect(rendered).toContain('已删除的网页杂项（5）');
  });

  it('shows units and warnings with offsets', () => {
    const rendered = formatOutline(
      parsePlan(
        '2023年XX县统战工作要点\n一、甲项工作\n（一）做好宣传（牵头单位：县委统战部，配合单位：县委宣传部）。\n（三）加强“考核。',
      ),
    );
    expect(rendered).toContain('牵头：县委统战部');
    expect(rendered).toContain('配合：县委宣传部');
    expect(rendered).toMatch(/\[位置 \d+\] 编号不连续：一之后是三/);
  });
});
