import { describe, expect, it } from 'vitest';
import { decide, type WorkingCalendar } from './reminder.ladder.ts';
import { defaultReminderRules } from './reminder.settings.ts';

// A small calendar: weekends off, 国庆 1–7 October 2026 off, Saturday 10 October 2026 worked (调休).
const HOLIDAYS = new Set([
  '2026-10-01',
  '2026-10-02',
  '2026-10-03',
  '2026-10-04',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
]);
const WORKDAYS = new Set(['2026-10-10']);
const DAY = 86_400_000;
const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
const calendar: WorkingCalendar = {
  isWorkingDay(d) {
    if (HOLIDAYS.has(d)) return false;
    if (WORKDAYS.has(d)) return true;
    const w = new Date(`${d}T00:00:00Z`).getUTCDay();
    return w !== 0 && w !== 6;
  },
  addWorkingDays(d, n) {
    let day = d;
    if (n === 0) {
      while (!this.isWorkingDay(day)) day = next(day);
      return day;
    }
    for (let left = n; left > 0;) {
      day = next(day);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  },
  workingDaysBetween(from, to) {
    let n = 0;
    for (let d = next(from); d <= to; d = next(d)) if (this.isWorkingDay(d)) n++;
    return n;
  },
};

const rules = defaultReminderRules; // reminder 3 ahead for tasks; steps after 1, 3, 5, 10 working days
const task = { kind: 'task_due' as const, dueDate: '2026-09-30' };
const at = (today: string, taken: number[] = []) => decide(calendar, rules, task, today, new Set(taken));

describe('the reminder and escalation ladder', () => {
  it('reminds once, from the lead working days before the deadline up to the day itself', () => {
    expect(at('2026-09-24').send).toBe(null); // 4 working days ahead (25, 28, 29, 30)
    expect(at('2026-09-25')).toEqual({ send: 0, skip: [], workingDays: 3 });
    expect(at('2026-09-30')).toEqual({ send: 0, skip: [], workingDays: 0 });
    expect(at('2026-09-28', [0]).send).toBe(null);
  });

  it('sends nothing on a holiday or weekend, and counts overdue days in working days across 国庆 and 调休', () => {
    expect(at('2026-10-03').send).toBe(null);
    expect(at('2026-10-08', [0])).toEqual({ send: 1, skip: [], workingDays: 1 });
    expect(at('2026-10-09', [0, 1]).send).toBe(null);
    // Saturday 10 October is worked: 3 working days overdue, the head's step.
    expect(at('2026-10-10', [0, 1])).toEqual({ send: 2, skip: [], workingDays: 3 });
    expect(at('2026-10-11', [0, 1]).send).toBe(null); // Sunday
    expect(at('2026-10-13', [0, 1, 2])).toEqual({ send: 3, skip: [], workingDays: 5 });
    expect(at('2026-10-20', [0, 1, 2, 3])).toEqual({ send: 4, skip: [], workingDays: 10 });
    expect(at('2026-11-20', [0, 1, 2, 3, 4]).send).toBe(null); // the ladder ends at the leader
  });

  it('on a late first look sends only the highest step due and skips those below, never sending them later', () => {
    expect(at('2026-10-20')).toEqual({ send: 4, skip: [1, 2, 3], workingDays: 10 });
    expect(at('2026-10-14', [1])).toEqual({ send: 3, skip: [2], workingDays: 6 });
    // With steps 1 and 3 in the ledger (2 skipped), step 2 never comes back.
    expect(at('2026-10-16', [1, 2, 3]).send).toBe(null);
  });

  it('counts a deadline on a weekend from the next working day (遇节假日顺延)', () => {
    const saturday = { kind: 'task_due' as const, dueDate: '2026-10-17' };
    expect(decide(calendar, rules, saturday, '2026-10-19', new Set([0])).send).toBe(null); // Monday: due
    expect(decide(calendar, rules, saturday, '2026-10-20', new Set([0]))).toEqual({
      send: 1,
      skip: [],
      workingDays: 1,
    });
  });
});
