import { toTimestamp } from '#server/core/clock.ts';

// A calendar date 'YYYY-MM-DD' in Asia/Shanghai: task start and due dates, milestone dates, report due
// dates. Dates compare and sort correctly as text, which the database columns rely on too.
export type CalendarDate = string;

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Day numbers count days since 1970-01-01 in UTC; a calendar date has no time zone, so UTC arithmetic on
// it is exact (no daylight saving, no local offset).
function dayNumber(date: CalendarDate): number {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new RangeError(`不是日期（YYYY-MM-DD）：${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  if (new Date(ms).getUTCDate() !== d || mo < 1 || mo > 12) throw new RangeError(`日期不存在：${date}`);
  return ms / DAY_MS;
}

function fromDayNumber(n: number): CalendarDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function isCalendarDate(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/** The last day of a month (month 1–12): handles leap years through the calendar itself. */
export function lastDayOfMonth(year: number, month: number): CalendarDate {
  return fromDayNumber(Date.UTC(year, month, 1) / DAY_MS - 1);
}

export function calendarDate(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Today's date in Asia/Shanghai for an instant (the clock's now). */
export function shanghaiDate(instant: Date): CalendarDate {
  return toTimestamp(instant).slice(0, 10);
}

/**
 * The date part of a stored timestamp. Stored timestamps are already in +08:00 (see toTimestamp), so
 * their first ten characters are the Shanghai date; a bare date passes through unchanged.
 */
export function dateOfTimestamp(timestamp: string): CalendarDate {
  const date = timestamp.slice(0, 10);
  dayNumber(date);
  return date;
}

/** '2026年6月5日', the way a clerk writes a date. */
export function formatDateZh(date: CalendarDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * Due-date arithmetic goes through this one interface, so a working-day calendar (holidays and 调休
 * days, a later issue) can replace plain calendar days without touching the rules that use it.
 */
export interface DueCalendar {
  /** The date `days` days after `date` (0: the same date). */
  after(date: CalendarDate, days: number): CalendarDate;
}

export const calendarDays: DueCalendar = { after: addDays };
