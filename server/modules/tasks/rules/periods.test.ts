import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateOfTimestamp,
  type DueCalendar,
  daysBetween,
  formatDateZh,
  isCalendarDate,
  lastDayOfMonth,
  shanghaiDate,
} from './dates.ts';
import {
  type PeriodTask,
  periodContaining,
  periodLabel,
  owedPeriods,
  periodsDueBy,
  periodsOpenBy,
  reportingPeriods,
  type ReportingCycle,
} from './periods.ts';

const task = (over: Partial<PeriodTask>): PeriodTask => ({
  cycle: 'monthly',
  startDate: '2026-01-01',
  dueDate: '2026-12-31',
  reportDay: 5,
  ...over,
});

const brief = (t: PeriodTask) => reportingPeriods(t).map((p) => [p.key, p.label, p.start, p.end, p.dueDate]);

describe('dates', () => {
  it('knows leap years and month ends', () => {
    expect(lastDayOfMonth(2024, 2)).toBe('2024-02-29');
    expect(lastDayOfMonth(2026, 2)).toBe('2026-02-28');
    expect(lastDayOfMonth(2000, 2)).toBe('2000-02-29');
    expect(lastDayOfMonth(2100, 2)).toBe('2100-02-28');
    expect(lastDayOfMonth(2026, 12)).toBe('2026-12-31');
    expect(addDays('2026-12-29', 5)).toBe('2027-01-03');
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(() => addDays('2026-2-1', 1)).toThrow(RangeError);
  });

  it("takes today's date in Asia/Shanghai and the date of a stored timestamp", () => {
    expect(shanghaiDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(dateOfTimestamp('2026-12-31T23:59:59.999+08:00')).toBe('2026-12-31');
    expect(dateOfTimestamp('2026-06-03')).toBe('2026-06-03');
    expect(formatDateZh('2026-06-05')).toBe('2026年6月5日');
  });
});

describe('reporting periods', () => {
  it('monthly, clipped to a task starting and ending mid-month', () => {
    expect(brief(task({ startDate: '2026-04-15', dueDate: '2026-06-10' }))).toEqual([
      ['2026-04', '2026年4月', '2026-04-15', '2026-04-30', '2026-05-05'],
      ['2026-05', '2026年5月', '2026-05-01', '2026-05-31', '2026-06-05'],
      ['2026-06', '2026年6月', '2026-06-01', '2026-06-10', '2026-06-15'],
    ]);
  });

  it('monthly across a year boundary and a leap February', () => {
    expect(brief(task({ startDate: '2027-12-20', dueDate: '2028-02-29', reportDay: 3 }))).toEqual([
      ['2027-12', '2027年12月', '2027-12-20', '2027-12-31', '2028-01-03'],
      ['2028-01', '2028年1月', '2028-01-01', '2028-01-31', '2028-02-03'],
      ['2028-02', '2028年2月', '2028-02-01', '2028-02-29', '2028-03-03'],
    ]);
  });

  it('quarterly, ending mid-quarter and crossing a year', () => {
    expect(brief(task({ cycle: 'quarterly', startDate: '2026-11-02', dueDate: '2027-05-20' }))).toEqual([
      ['2026-Q4', '2026年第四季度', '2026-11-02', '2026-12-31', '2027-01-05'],
      ['2027-Q1', '2027年第一季度', '2027-01-01', '2027-03-31', '2027-04-05'],
      ['2027-Q2', '2027年第二季度', '2027-04-01', '2027-05-20', '2027-05-25'],
    ]);
  });

  it('a one-day task has one period', () => {
    expect(brief(task({ startDate: '2026-03-31', dueDate: '2026-03-31', reportDay: 0 }))).toEqual([
      ['2026-03', '2026年3月', '2026-03-31', '2026-03-31', '2026-03-31'],
    ]);
  });

  it('per milestone: one period per milestone date, then the rest of the task', () => {
    const t = task({
      cycle: 'milestone',
      startDate: '2026-03-01',
      dueDate: '2026-09-30',
      milestones: [
        { id: 7, title: '完成调研', dueDate: '2026-05-31' },
        { id: 3, title: '形成方案', dueDate: '2026-04-15' },
        { id: 9, title: '召开座谈会', dueDate: '2026-05-31' },
      ],
    });
    expect(brief(t)).toEqual([
      ['m:3', '里程碑：形成方案', '2026-03-01', '2026-04-15', '2026-04-20'],
      ['m:7', '里程碑：完成调研、召开座谈会', '2026-04-16', '2026-05-31', '2026-06-05'],
      ['m:final', '里程碑：任务完成', '2026-06-01', '2026-09-30', '2026-10-05'],
    ]);
  });

  it('per milestone: milestones outside the task count at its nearest end; none gives one period', () => {
    const t = task({
      cycle: 'milestone',
      startDate: '2026-03-01',
      dueDate: '2026-06-30',
      milestones: [
        { id: 1, title: '早', dueDate: '2026-01-10' },
        { id: 2, title: '晚', dueDate: '2026-08-01' },
      ],
    });
    expect(brief(t)).toEqual([
      ['m:1', '里程碑：早', '2026-03-01', '2026-03-01', '2026-03-06'],
      ['m:2', '里程碑：晚', '2026-03-02', '2026-06-30', '2026-07-05'],
    ]);
    expect(brief({ ...t, milestones: [] })).toEqual([
      ['m:final', '里程碑：任务完成', '2026-03-01', '2026-06-30', '2026-07-05'],
    ]);
  });

  it("has no periods for the cycle 'none' or a start after the due date", () => {
    expect(reportingPeriods(task({ cycle: 'none' }))).toEqual([]);
    expect(reportingPeriods(task({ startDate: '2026-05-02', dueDate: '2026-05-01' }))).toEqual([]);
  });

  it('finds the period containing a date and the periods due by a date', () => {
    const t = task({ startDate: '2026-04-15', dueDate: '2026-06-10' });
    expect(periodContaining(t, '2026-05-31')?.key).toBe('2026-05');
    expect(periodContaining(t, '2026-04-14')).toBeNull();
    expect(periodContaining(t, '2026-06-11')).toBeNull();
    expect(periodsDueBy(t, '2026-06-04').map((p) => p.key)).toEqual(['2026-04']);
    expect(periodsDueBy(t, '2026-06-05').map((p) => p.key)).toEqual(['2026-04', '2026-05']);
    expect(periodsDueBy(t, '2030-01-01')).toHaveLength(3);
    expect(periodsOpenBy(t, '2026-04-14')).toEqual([]);
    expect(periodsOpenBy(t, '2026-05-01').map((p) => p.key)).toEqual(['2026-04', '2026-05']);
  });

  it('owes no report for a period due before the task was assigned', () => {
    // Monthly from January, report day 5: January's report was due 5 February, February's on 5 March.
    const t = task({ startDate: '2026-01-01', dueDate: '2026-06-30', assignedOn: '2026-03-01' });
    expect(owedPeriods(t).map((p) => p.key)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(periodsOpenBy(t, '2026-03-01').map((p) => p.key)).toEqual(['2026-02', '2026-03']);
    expect(periodsDueBy(t, '2026-03-05').map((p) => p.key)).toEqual(['2026-02']);
    // Due on the day of assignment: owed. Without an assignment day every period is owed.
    expect(owedPeriods({ ...t, assignedOn: '2026-02-05' })[0]?.key).toBe('2026-01');
    expect(owedPeriods({ ...t, assignedOn: null })).toHaveLength(6);
  });

  it('computes due dates through the calendar it is given', () => {
    const skipWeekends: DueCalendar = { after: (date, days) => addDays(date, days * 2) };
    const [first] = reportingPeriods(task({ dueDate: '2026-01-31' }), skipWeekends);
    expect(first?.dueDate).toBe('2026-02-10');
  });

  it('labels stored keys', () => {
    const milestones = [{ id: 4, title: '完成调研', dueDate: '2026-05-31' }];
    expect(periodLabel('2026-05')).toBe('2026年5月');
    expect(periodLabel('2026-Q3')).toBe('2026年第三季度');
    expect(periodLabel('m:4', milestones)).toBe('里程碑：完成调研');
    expect(periodLabel('m:final')).toBe('里程碑：任务完成');
    expect(periodLabel('m:5', milestones)).toBe('里程碑：（已删除）');
  });
});

// Property: for any task, its periods tile its span (no gap, no overlap, in order) and each report is
// due reportDay days after its period ends.
const dayArb = fc.integer({ min: 0, max: 365 * 12 }).map((n) => addDays('2023-01-01', n));
const taskArb = fc
  .record({
    cycle: fc.constantFrom<ReportingCycle>('monthly', 'quarterly', 'milestone'),
    a: dayArb,
    b: dayArb,
    reportDay: fc.integer({ min: 0, max: 60 }),
    milestones: fc.array(dayArb, { maxLength: 8 }),
  })
  .map(({ cycle, a, b, reportDay, milestones }) => ({
    cycle,
    startDate: a <= b ? a : b,
    dueDate: a <= b ? b : a,
    reportDay,
    milestones: milestones.map((dueDate, i) => ({ id: i + 1, title: `里程碑${i + 1}`, dueDate })),
  }));

describe('reporting periods (properties)', () => {
  it('cover the task span without gaps or overlaps; dues after ends; keys unique', () => {
    fc.assert(
      fc.property(taskArb, (t) => {
        const periods = reportingPeriods(t);
        expect(periods.length).toBeGreaterThan(0);
        expect(periods[0]!.start).toBe(t.startDate);
        expect(periods.at(-1)!.end).toBe(t.dueDate);
        periods.forEach((p, i) => {
          expect(p.start <= p.end).toBe(true);
          expect(daysBetween(p.end, p.dueDate)).toBe(t.reportDay);
          if (i > 0) expect(p.start).toBe(addDays(periods[i - 1]!.end, 1));
        });
        expect(new Set(periods.map((p) => p.key)).size).toBe(periods.length);
      }),
      { numRuns: 300 },
    );
  });

  it('every day of the span lies in exactly the period periodContaining finds', () => {
    fc.assert(
      fc.property(taskArb, dayArb, (t, day) => {
        const found = periodContaining(t, day);
        const inside = t.startDate <= day && day <= t.dueDate;
        expect(found !== null).toBe(inside);
        if (found) expect(found.start <= day && day <= found.end).toBe(true);
        const due = periodsDueBy(t, day);
        expect(due.every((p) => p.dueDate <= day)).toBe(true);
        expect(reportingPeriods(t).filter((p) => p.dueDate <= day)).toEqual(due);
      }),
      { numRuns: 300 },
    );
  });
});
