// The holiday calendar every deadline is counted on (工作日): the shipped arrangement (shipped.ts) with
// the staff's corrections on top. Provincial staff correct it, e.g. when the State Council publishes next
// year's arrangement before a release ships it; the calendar is one for the whole deployment.
import type { Kysely, Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { CalendarDayRow, Database } from '../../db/schema.ts';
import {
  deleteCorrection,
  findCorrection,
  insertCorrection,
  listCorrections,
  updateCorrection,
} from './calendar.repository.ts';
import { DAY_KIND_LABELS, type CalendarDayBody, type CalendarYearOut } from './calendar.schemas.ts';
import { shippedYear, type ShippedSource } from './shipped.ts';
import { WorkingDays, type SpecialDay } from './working-days.ts';

type Q = Kysely<Database> | Transaction<Database>;

const SOURCE_NOTES: Record<ShippedSource, string> = {
  official: '国务院办公厅公布的放假安排（随系统发布）',
  provisional:
    '国务院办公厅尚未公布该年放假安排，暂按《全国年节及纪念日放假办法》的法定节日日期计算，未含调休；公布后请据通知更正',
};

/** The special days of the years from..to: shipped, with the staff's corrections replacing them. */
async function specialDays(db: Q, fromYear: number, toYear: number) {
  return specialDaysOf(fromYear, toYear, await listCorrections(db, `${fromYear}-01-01`, `${toYear}-12-31`));
}

function specialDaysOf(fromYear: number, toYear: number, corrections: CalendarDayRow[]) {
  const byDay = new Map<string, SpecialDay & { origin: 'shipped' | 'staff'; version: number }>();
  for (let year = fromYear; year <= toYear; year++)
    for (const d of shippedYear(year).days) byDay.set(d.day, { ...d, origin: 'shipped', version: 0 });
  for (const row of corrections)
    byDay.set(row.day, {
      day: row.day,
      kind: row.kind,
      name: row.name,
      origin: 'staff',
      version: row.version,
    });
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

// Calendars already built, by their years and the corrections they were built with: every report
// submission and colour refresh asks for the same sixteen years, and building them cost more than the
// rest of the colour. Reading the corrections (one small indexed query) stays, so a correction made by
// any process is seen at once; it only selects the calendar.
const built = new Map<string, WorkingDays>();
const MAX_BUILT = 16;

/**
 * The working-day calendar for deadlines in the years from..to (a deadline near the year's end reaches
 * into the next: ask for both). Days outside the range count as plain weekdays and weekends.
 */
export async function loadWorkingDays(db: Q, fromYear: number, toYear: number): Promise<WorkingDays> {
  const corrections = await listCorrections(db, `${fromYear}-01-01`, `${toYear}-12-31`);
  const key = JSON.stringify([fromYear, toYear, corrections.map((c) => [c.day, c.kind, c.version])]);
  let calendar = built.get(key);
  if (!calendar) {
    calendar = new WorkingDays(specialDaysOf(fromYear, toYear, corrections));
    if (built.size >= MAX_BUILT) built.delete(built.keys().next().value!);
    built.set(key, calendar);
  }
  return calendar;
}

export async function getCalendarYear(
  s: Services,
  ctx: RequestContext,
  year: number,
): Promise<CalendarYearOut> {
  const days = await specialDays(s.db.kysely, year, year);
  const calendar = new WorkingDays(days);
  return {
    year,
    source: shippedYear(year).source,
    sourceNote: SOURCE_NOTES[shippedYear(year).source],
    days: days.map((d) => ({ ...d, kindLabel: DAY_KIND_LABELS[d.kind] })),
    workingDays: calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`),
    canCorrect: ctx.actor !== null && ctx.actor.permissions.has('work.manage') && isKeeper(ctx),
  };
}

// One calendar for the deployment: only the top region's staff (the province) keep it.
function isKeeper(ctx: RequestContext): boolean {
  const path = ctx.actor?.regionPath;
  return !!path && !path.includes('/');
}

function assertKeeper(ctx: RequestContext): void {
  if (!isKeeper(ctx)) throw appError('FORBIDDEN', '节假日安排全省统一，由省级统战部工作人员维护');
}

/** Sets a day as a holiday or an adjusted working day (If-Match: the correction's version, 0 for a new one). */
export async function correctDay(s: Services, ctx: RequestContext, version: number, input: CalendarDayBody) {
  assertKeeper(ctx);
  await s.db.kysely.transaction().execute(async (trx) => {
    const before = await findCorrection(trx, input.day);
    const row: CalendarDayRow = {
      day: input.day,
      kind: input.kind,
      name: input.name,
      version: version + 1,
      updated_at: toTimestamp(s.clock.now()),
      updated_by: ctx.actor!.userId,
    };
    const saved =
      version === 0 && !before ? await insertCorrection(trx, row) : await updateCorrection(trx, row, version);
    if (!saved) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'calendar.update',
      objectType: 'calendar_day',
      objectId: input.day,
      before: before ? { kind: before.kind, name: before.name } : shippedOf(input.day),
      after: { kind: input.kind, name: input.name },
    });
  });
  return getCalendarYear(s, ctx, Number(input.day.slice(0, 4)));
}

/** Drops the staff's correction of a day: it follows the shipped arrangement again. */
export async function restoreDay(s: Services, ctx: RequestContext, version: number, day: string) {
  assertKeeper(ctx);
  await s.db.kysely.transaction().execute(async (trx) => {
    const before = await findCorrection(trx, day);
    if (!before) throw appError('NOT_FOUND', '该日期没有更正，已是系统发布的安排');
    if (!(await deleteCorrection(trx, day, version))) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'calendar.restore',
      objectType: 'calendar_day',
      objectId: day,
      before: { kind: before.kind, name: before.name },
      after: shippedOf(day),
    });
  });
  return getCalendarYear(s, ctx, Number(day.slice(0, 4)));
}

function shippedOf(day: string) {
  const shipped = shippedYear(Number(day.slice(0, 4))).days.find((d) => d.day === day);
  return shipped ? { kind: shipped.kind, name: shipped.name } : { kind: 'ordinary' };
}
