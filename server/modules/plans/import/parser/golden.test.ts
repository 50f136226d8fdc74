import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan, parsePlanTraced } from './index.ts';
import { squeeze } from './text.ts';
import { conservationProblem } from './testing/conservation.ts';

const dir = new URL('../../../../../test/fixtures/plans/', import.meta.url);
const text = readFileSync(new URL('2022-province-united-front-key-points.txt', dir), 'utf8');

interface ExpectedSection {
  no: string;
  heading: string;
  items: string[];
  sub_points_of_item_2?: string[];
}
const expected = JSON.parse(
  readFileSync(new URL('2022-province-united-front-key-points.expected.json', dir), 'utf8'),
) as {
  title: string;
  year: number;
  boilerplate_removed: string[];
  preamble_starts_with: string;
  closing_starts_with: string;
  sections: ExpectedSection[];
  brand_activities: string[];
  not_brand_activities: string[];
};

describe('golden: 2022 province key points', () => {
  const outline = parsePlan(text);

  it('finds title, year, preamble and closing', () => {
    expect(outline.title).toBe(expected.title);
    expect(outline.year).toBe(expected.year);
    expect(outline.preamble.startsWith(expected.preamble_starts_with)).toBe(true);
    expect(outline.closing.startsWith(expected.closing_starts_with)).toBe(true);
  });

  it('removes the site boilerplate, the (全文) suffix and the repeated title', () => {
    for (const line of expected.boilerplate_removed) expect(outline.removed).toContain(line);
    expect(outline.removed).toEqual([
      '(全文)',
      ...expected.boilerplate_removed.slice(0, 1),
      '2022 年统战工作要点',
      ...expected.boilerplate_removed.slice(1),
    ]);
  });

  it('builds the four sections with their items', () => {
    expect(outline.nodes.map((n) => n.number)).toEqual(expected.sections.map((s) => s.no));
    expected.sections.forEach((section, i) => {
      const node = outline.nodes[i];
      expect(squeeze(node?.heading ?? '')).toBe(squeeze(section.heading));
      expect(node?.children.map((c) => squeeze(c.heading))).toEqual(section.items.map(squeeze));
      expect(node?.children.every((c) => c.number === null)).toBe(true);
    });
  });

  it('nests the three 聚焦…走在前 points under 积极助推我省“三个走在前”', () => {
    const item = outline.nodes[1]?.children[1];
    expect(item?.body).toBe('');
    expect(item?.children.map((c) => squeeze(c.heading))).toEqual(
      expected.sections[1]?.sub_points_of_item_2?.map(squeeze),
    );
  });

  it('keeps the last two paragraphs of section 四 in item 4 and rejoins the broken sentence', () => {
    const section = outline.nodes[3];
    expect(section?.children.at(-1)?.body).toContain('努力建设高素质统战干部队伍');
    expect(section?.children.at(-1)?.body).toContain('着力夯实基层基础');
    expect(section?.children[0]?.body).toContain('聚焦“国之大者”审视统战工作');
  });

  it('lists exactly the nine brand activities and no slogans', () => {
    expect(outline.brandActivities.map(squeeze)).toEqual(expected.brand_activities.map(squeeze));
    for (const slogan of expected.not_brand_activities) expect(outline.brandActivities).not.toContain(slogan);
  });

  it('raises no warnings on the clean example', () => {
    expect(outline.warnings).toEqual([]);
  });

  it('conserves every character', () => {
    expect(conservationProblem(text, parsePlanTraced(text))).toBeNull();
  });
});
