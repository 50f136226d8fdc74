import { describe, expect, it } from 'vitest';
import { shippedYear } from './shipped.ts';
import { WorkingDays } from './working-days.ts';

// 2026 as the State Council published it (国办发明电〔2025〕7号): e.g. 春节 2月15日—23日 off, Saturday
// 14 February and Saturday 28 February at work; 国庆 10月1日—7日 off, Sunday 20 September and Saturday
// 10 October at work.
const y2026 = new WorkingDays(shippedYear(2026).days);

describe('working days on the 2026 calendar', () => {
  it.each([
    ['2026-02-13', true, 'a Friday'],
    ['2026-02-14', true, '调休: a Saturday at work'],
    ['2026-02-16', false, '春节, a Monday off'],
    ['2026-02-23', false, 'the last day of 春节'],
    ['2026-02-24', true, 'back at work'],
    ['2026-02-28', true, '调休 Saturday'],
    ['2026-03-01', false, 'a plain Sunday'],
    ['2026-04-06', false, '清明, a Monday'],
    ['2026-05-05', false, '劳动节'],
    ['2026-05-09', true, '调休 Saturday'],
    ['2026-09-20', true, '调休 Sunday'],
    ['2026-10-07', false, '国庆节'],
    ['2026-10-10', true, '调休 Saturday'],
  ])('%s is a working day: %s (%s)', (day, working) => {
    expect(y2026.isWorkingDay(day)).toBe(working);
  });

  it('counts deadlines across 春节 and its 调休 days', () => {
    // Friday 13 Feb + 1 working day = Saturday 14 Feb (调休); + 2 = Tuesday 24 Feb, after the holiday.
    expect(y2026.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(y2026.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    // A deadline falling in the holiday moves to the first working day after it (顺延).
    expect(y2026.addWorkingDays('2026-02-18', 0)).toBe('2026-02-24');
    expect(y2026.addWorkingDays('2026-02-24', 0)).toBe('2026-02-24');
    // Across 国庆: Wednesday 30 September + 1 = Thursday 8 October.
    expect(y2026.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    // A plain week: Friday + 3 = Wednesday.
    expect(y2026.addWorkingDays('2026-03-06', 3)).toBe('2026-03-11');
  });

  it('measures how many working days lie between two days', () => {
    expect(y2026.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
    expect(y2026.workingDaysBetween('2026-02-24', '2026-02-13')).toBe(0);
    expect(y2026.workingDaysBetween('2026-03-06', '2026-03-06')).toBe(0);
    // The whole year, counted day by day, agrees with the span count.
    let counted = 0;
    for (
      let ms = Date.parse('2026-01-01T00:00:00Z');
      ms <= Date.parse('2026-12-31T00:00:00Z');
      ms += 86_400_000
    )
      if (y2026.isWorkingDay(new Date(ms).toISOString().slice(0, 10))) counted++;
    expect(y2026.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(counted);
    expect(counted).toBeGreaterThan(240);
    expect(counted).toBeLessThan(255);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => y2026.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => y2026.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });
});

describe('the shipped arrangement', () => {
  it('is official for a published year, with its 调休 days', () => {
    const year = shippedYear(2026);
    expect(year.source).toBe('official');
    expect(year.days).toContainEqual({ day: '2026-02-14', kind: 'workday', name: '春节' });
    expect(year.days).toContainEqual({ day: '2026-10-01', kind: 'holiday', name: '国庆节' });
  });

  it('is provisional for a year not yet published: the 13 statutory days on their lunar and solar dates', () => {
    const year = shippedYear(2027);
    expect(year.source).toBe('provisional');
    expect(year.days).toHaveLength(13);
    expect(year.days.every((d) => d.kind === 'holiday')).toBe(true);
    const days = (name: string) => year.days.filter((d) => d.name === name).map((d) => d.day);
    // 2027: 春节 (正月初一) is 6 February, so 除夕 is 5 February; 清明 5 April; 端午 9 June; 中秋 15 September.
    expect(days('春节')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    expect(days('清明')).toEqual(['2027-04-05']);
    expect(days('端午')).toEqual(['2027-06-09']);
    expect(days('中秋')).toEqual(['2027-09-15']);
    expect(days('国庆节')).toEqual(['2027-10-01', '2027-10-02', '2027-10-03']);
  });
});
