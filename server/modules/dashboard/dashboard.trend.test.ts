import { describe, expect, it } from 'vitest';
import { boardPeriod } from './dashboard.service.ts';
import { endedMonths, monthEndColours } from './dashboard.trend.ts';

describe('the colour trend from the history', () => {
  it('counts the months that have ended by today', () => {
    expect(endedMonths(2026, '2026-06-10')).toBe(5);
    expect(endedMonths(2026, '2026-01-31')).toBe(0);
    expect(endedMonths(2025, '2026-01-02')).toBe(12);
    expect(endedMonths(2027, '2026-12-31')).toBe(0);
  });

  it('gives each task the colour of its last change on or before each month’s last day', () => {
    const rows = [
      // Green from 15 January, red from the last day of February, green again in April.
      { task_id: 1, at: '2026-01-15T09:00:00.000+08:00', health: 'green', region_path: '370000' },
      { task_id: 1, at: '2026-02-28T23:59:00.000+08:00', health: 'red', region_path: '370000' },
      { task_id: 1, at: '2026-04-02T00:30:00.000+08:00', health: 'green', region_path: '370000' },
      // Created in March, yellow; completed (no colour) in April.
      { task_id: 2, at: '2026-03-01T09:00:00.000+08:00', health: 'yellow', region_path: '370000/370100' },
      { task_id: 2, at: '2026-04-30T18:00:00.000+08:00', health: 'none', region_path: '370000/370100' },
    ] as const;
    const out = Object.fromEntries(monthEndColours(rows, 2026, 4));
    expect(out).toEqual({
      '1|370000|green': 1,
      '2|370000|red': 1,
      '3|370000|red': 1,
      '3|370000/370100|yellow': 1,
      '4|370000|green': 1,
    });
  });
});

describe('本期 of the not-yet-reported board', () => {
  it('is the latest month whose reports are past due (its end plus 5 days)', () => {
    expect(boardPeriod('2026-12-02')).toBe('2026-10');
    expect(boardPeriod('2026-12-06')).toBe('2026-11');
    expect(boardPeriod('2026-01-03')).toBe('2025-11');
    expect(boardPeriod('2026-06-10')).toBe('2026-05');
  });
});
