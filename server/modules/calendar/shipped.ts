// The holiday arrangement Luoshi ships with (节假日安排): for the years the State Council has published,
// the official days from the chinese-days package (MIT; updated as each year's notice appears, so
// `npm update chinese-days` brings the next year); for a year not yet published, the statutory holidays
// of 《全国年节及纪念日放假办法》 (2024 revision) on their dates, without the 调休 swaps nobody can know in
// advance, marked provisional so the staff know to correct it when the notice comes out.
import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import type { SpecialDay } from './working-days.ts';

interface ChineseDaysData {
  // 'YYYY-MM-DD' → "English name,中文名,days".
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// The package's own data file (its functions answer one day at a time; the calendar needs whole years).
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;

export type ShippedSource = 'official' | 'provisional';

export interface ShippedYear {
  source: ShippedSource;
  days: SpecialDay[];
}

// The lunar table behind the provisional dates covers 1900–2099.
export const FIRST_YEAR = 2004;
export const LAST_YEAR = 2099;

const chineseName = (value: string) => value.split(',')[1] ?? value;

function officialDays(year: number): SpecialDay[] {
  const prefix = `${year}-`;
  const pick = (table: Record<string, string>, kind: SpecialDay['kind']) =>
    Object.entries(table)
      .filter(([day]) => day.startsWith(prefix))
      .map(([day, value]) => ({ day, kind, name: chineseName(value) }));
  return [...pick(data.holidays, 'holiday'), ...pick(data.workdays, 'workday')];
}

const pad = (n: number) => String(n).padStart(2, '0');
const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const lunar = (year: number, month: number, day: number) =>
  chineseDays.getSolarDateFromLunar(`${year}-${pad(month)}-${pad(day)}`).date;

/** The 13 statutory holidays of a year on their own dates (no 调休). */
function statutoryDays(year: number): SpecialDay[] {
  const springFestival = lunar(year, 1, 1);
  const days: Array<[string, string]> = [
    [`${year}-01-01`, '元旦'],
    // 春节: 除夕 and the first three days of the first lunar month.
    ...[-1, 0, 1, 2].map((d): [string, string] => [shift(springFestival, d), '春节']),
    [chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), '清明'],
    [`${year}-05-01`, '劳动节'],
    [`${year}-05-02`, '劳动节'],
    [lunar(year, 5, 5), '端午'],
    [lunar(year, 8, 15), '中秋'],
    [`${year}-10-01`, '国庆节'],
    [`${year}-10-02`, '国庆节'],
    [`${year}-10-03`, '国庆节'],
  ];
  return days.map(([day, name]) => ({ day, kind: 'holiday', name }));
}

// The shipped data cannot change while the process runs: each year is worked out once (scanning the
// package's table and the lunar conversions took a quarter of a report submission's time).
const shippedYears = new Map<number, ShippedYear>();

/** The shipped special days of a year: official when published, else provisional. Frozen: shared. */
export function shippedYear(year: number): ShippedYear {
  let shipped = shippedYears.get(year);
  if (!shipped) {
    const official = officialDays(year);
    const days = official.length > 0 ? official : statutoryDays(year);
    shipped = Object.freeze({
      source: official.length > 0 ? 'official' : 'provisional',
      days: Object.freeze(days.map((d) => Object.freeze(d))) as SpecialDay[],
    });
    shippedYears.set(year, shipped);
  }
  return shipped;
}
