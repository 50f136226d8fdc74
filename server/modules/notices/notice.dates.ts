// Dates on the holiday calendar (modules/calendar): today, the yellow window and the default response
// date. Every deadline of a notice is counted in working days.
import type { Kysely, Transaction } from 'kysely';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { Database, NoticeLevel } from '../../db/schema.ts';
import { loadWorkingDays } from '../calendar/index.ts';
import type { ColourDates } from './notice.present.ts';
import { DEFAULT_RESPONSE_DAYS, LEVEL_LABELS, YELLOW_WORKING_DAYS } from './notice.rules.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function todayOf(s: Services): string {
  // Stored timestamps are in +08:00, so their date part is the day in China.
  return toTimestamp(s.clock.now()).slice(0, 10);
}

async function calendarFor(db: Q, today: string) {
  const year = Number(today.slice(0, 4));
  return loadWorkingDays(db, year, year + 1);
}

export async function colourDates(s: Services, db: Q = s.db.kysely): Promise<ColourDates> {
  const today = todayOf(s);
  const calendar = await calendarFor(db, today);
  return { today, yellowThrough: calendar.addWorkingDays(today, YELLOW_WORKING_DAYS) };
}

/** The default response date of each level: so many working days from today. */
export async function defaultDueDates(s: Services) {
  const today = todayOf(s);
  const calendar = await calendarFor(s.db.kysely, today);
  return {
    today,
    levels: (Object.keys(DEFAULT_RESPONSE_DAYS) as NoticeLevel[]).map((level) => ({
      level,
      label: LEVEL_LABELS[level],
      workingDays: DEFAULT_RESPONSE_DAYS[level],
      date: calendar.addWorkingDays(today, DEFAULT_RESPONSE_DAYS[level]),
    })),
  };
}

export function refuseNoticeField(field: string, message: string): never {
  throw appError('NOTICE_INVALID', message, {
    problems: [{ in: 'body', path: field, code: 'notice_rule', message }],
  });
}

/**
 * A deadline the person picked: not before today, and a working day (a holiday or weekend is refused,
 * naming the next working day, rather than moved silently).
 */
export async function checkWorkingDeadline(
  db: Q,
  today: string,
  day: string,
  field: string,
  label: string,
): Promise<void> {
  if (day < today) refuseNoticeField(field, `${label}不能早于今天（${today}）`);
  const calendar = await calendarFor(db, day < today ? today : day);
  if (!calendar.isWorkingDay(day))
    refuseNoticeField(
      field,
      `${label} ${day} 是节假日或休息日，请选择工作日（如 ${calendar.addWorkingDays(day, 0)}）`,
    );
}

/** The default response date of a level, from today. */
export async function defaultResponseDue(db: Q, today: string, level: NoticeLevel): Promise<string> {
  return (await calendarFor(db, today)).addWorkingDays(today, DEFAULT_RESPONSE_DAYS[level]);
}
