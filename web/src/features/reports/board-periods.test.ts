import { describe, expect, it } from 'vitest';
import { boardPeriods, defaultBoardPeriod } from './board-periods';

describe('the not-yet-reported board’s periods', () => {
  it('opens on the latest month whose report is past due (end of month + 5 days)', () => {
    expect(defaultBoardPeriod('2026-12-02')).toBe('2026-10'); // November's is due 12-05
    expect(defaultBoardPeriod('2026-12-06')).toBe('2026-11');
    expect(defaultBoardPeriod('2026-12-05')).toBe('2026-10'); // due today: not yet missing
    expect(defaultBoardPeriod('2026-01-10')).toBe('2025-12');
  });

  it('lists months and quarters due before today, newest first, a month before its quarter', () => {
    const keys = boardPeriods('2026-04-06').map((p) => p.key);
    expect(keys.slice(0, 4)).toEqual(['2026-03', '2026-Q1', '2026-02', '2026-01']);
    expect(keys).not.toContain('2026-04');
    expect(keys).toContain('2025-Q4');
    expect(boardPeriods('2026-04-06')[1]).toEqual({
      key: '2026-Q1',
      label: '2026年第一季度',
      dueDate: '2026-04-05',
    });
  });

  it('takes the due day of a leap February', () => {
    expect(boardPeriods('2024-03-06').find((p) => p.key === '2024-02')?.dueDate).toBe('2024-03-05');
    expect(defaultBoardPeriod('2024-03-05')).toBe('2024-01');
  });
});
