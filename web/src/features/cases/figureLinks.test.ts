import { describe, expect, it } from 'vitest';
import { figureApiQuery, figureChips, figureFiltersOf, figureQuery, withoutFigure } from './figureLinks';

const level = (l: string) => ({ province: '省级' })[l] ?? l;

describe('figure links', () => {
  it('opens a unit’s figure as the list filtered by the unit and the column, its name beside the id', () => {
    expect(
      figureQuery(
        { year: 2026, regionCode: '370100' },
        { kind: 'department', id: 7, name: '发改委' },
        'onTimeRate',
      ),
    ).toEqual({
      year: '2026',
      regionCode: '370100',
      leadUnitId: '7',
      unitName: '发改委',
      submitted: 'true',
      answered: 'onTime',
    });
    expect(figureQuery({ year: 2026 }, { kind: 'unassigned' }, 'submitted')).toEqual({
      year: '2026',
      unassigned: 'true',
      submitted: 'true',
    });
    expect(figureQuery({ year: 2026 }, { kind: 'all' }, { instructionLevel: 'province' })).toEqual({
      year: '2026',
      submitted: 'true',
      instructionLevel: 'province',
    });
  });

  it('reads the filters back from the address, sends only the API’s, and says each as a chip', () => {
    const f = figureFiltersOf({
      year: '2026',
      organisationId: '12',
      orgName: '民盟省委',
      satisfaction: 'positive',
      instructionLevel: 'province',
      submitted: 'true',
    });
    expect(figureApiQuery(f)).toEqual({
      organisationId: 12,
      satisfaction: 'positive',
      instructionLevel: 'province',
      submitted: 'true',
    });
    expect(figureChips(f, level).map((c) => c.label)).toEqual([
      '已提交（不含草稿）',
      '提交单位：民盟省委',
      '评价：满意或基本满意',
      '有省级批示',
    ]);
    const rest = withoutFigure(f, 'organisationId');
    expect(rest).not.toHaveProperty('orgName');
    expect(rest).not.toHaveProperty('organisationId');
    expect(figureChips(rest, level)).toHaveLength(3);
  });
});
