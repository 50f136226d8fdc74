// Every due date of a task is counted in working days (工作日) on the holiday calendar: a report due "5
// days after the period" is due 5 working days after it, and a deadline that falls on a holiday moves to
// the next working day (遇节假日顺延). The rules (rules/*.ts) stay pure and take a DueCalendar; this file
// feeds them the calendar module's working days.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { loadWorkingDays } from '../calendar/index.ts';
import type { CalendarDate, DueCalendar } from './rules/dates.ts';

// The years read around today: a task reaches back a few years (a five-year plan's first reports) and
// forward to its due date; days outside count as plain weekdays and weekends, which a year the State
// Council has not yet announced does anyway (the calendar module's provisional years).
const YEARS_BACK = 5;
const YEARS_AHEAD = 10;

/** The working-day calendar for deadlines around `today` (one small query: the staff's corrections). */
export async function loadDueCalendar(
  db: Kysely<Database> | Transaction<Database>,
  today: CalendarDate,
): Promise<DueCalendar> {
  const year = Number(today.slice(0, 4));
  const days = await loadWorkingDays(db, year - YEARS_BACK, year + YEARS_AHEAD);
  return { after: (date, n) => days.addWorkingDays(date, n) };
}
