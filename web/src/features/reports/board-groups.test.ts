import { describe, expect, it } from 'vitest';
import { groupBoard } from './board-groups';
import { periodLabelOf } from './board-periods';

const unit = (regionCode: string, unitId: number, missing: number, returned: number) => ({
  regionCode,
  regionName: regionCode === '370100' ? '济南市' : '历下区',
  unitId,
  unitName: `单位${unitId}`,
  missing,
  returned,
});
const item = (taskId: number, unitId: number, status: 'due' | 'returned') => ({
  taskId,
  taskTitle: `任务${taskId}`,
  unitId,
  periodKey: '2026-11',
  dueDate: '2026-12-05',
  status,
});

describe('the board grouped by region and unit', () => {
  it('sums each region and puts each unit’s tasks under it, in the server’s order', () => {
    const groups = groupBoard({
      units: [unit('370100', 1, 2, 0), unit('370100', 2, 0, 1), unit('370102', 3, 1, 0)],
      items: [item(10, 1, 'due'), item(11, 3, 'due'), item(12, 1, 'due'), item(13, 2, 'returned')],
    });
    expect(groups.map((g) => [g.regionName, g.missing, g.returned])).toEqual([
      ['济南市', 2, 1],
      ['历下区', 1, 0],
    ]);
    expect(groups[0]!.units.map((u) => u.items.map((i) => i.taskId))).toEqual([[10, 12], [13]]);
    expect(groups[1]!.units[0]!.items.map((i) => i.taskId)).toEqual([11]);
  });

  it('is empty for an empty board', () => {
    expect(groupBoard({ units: [], items: [] })).toEqual([]);
  });
});

describe('period keys in words', () => {
  it('names months, quarters and milestone periods', () => {
    expect(periodLabelOf('2026-05')).toBe('2026年5月');
    expect(periodLabelOf('2026-Q2')).toBe('2026年第二季度');
    expect(periodLabelOf('m:12')).toBe('里程碑期');
  });
});
