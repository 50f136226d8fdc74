// 学时: hours per person against the year's requirement (a deployment setting, 40 学时 unless the
// provincial staff change it), per-unit summaries, the people short of their hours, and the reader's own.
// The people held to a year's requirement are those with an approved nomination for a course of that year
// (docs/decisions/training-hours-population.md).
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { immutable } from '../../core/immutable.ts';
import { readCache } from '../../db/read-cache.ts';
import { findSetting, saveSettingVersioned } from '../../db/settings.repository.ts';
import { shanghaiDate } from '../tasks/index.ts';
import { hoursOf } from './training.plan.service.ts';
import { listCreditsOf, listPeopleHours, sumPeopleByUnit } from './training.hours.repository.ts';
import { findPersonByUser } from './training.people.repository.ts';

const KEY = 'training';
const DEFAULT_REQUIRED_HOURS = 40;
const stored = z.object({ requiredHours: z.number().int().min(1).max(500) });
type Q = Kysely<Database> | Transaction<Database>;

export async function loadTrainingSettings(db: Q): Promise<{ requiredHours: number; version: number }> {
  const row = await findSetting(db, KEY);
  if (!row) return { requiredHours: DEFAULT_REQUIRED_HOURS, version: 0 };
  let value: unknown;
  try {
    value = JSON.parse(row.value);
  } catch {
    value = null;
  }
  const parsed = stored.safeParse(value);
  return {
    requiredHours: parsed.success ? parsed.data.requiredHours : DEFAULT_REQUIRED_HOURS,
    version: row.version,
  };
}

/**
 * One requirement for the deployment: only the top region's staff (work.manage at the province) change it
 * (docs/decisions/training-settings.md).
 */
function mayEditTrainingSettings(ctx: RequestContext): boolean {
  const actor = ctx.actor;
  return !!actor?.permissions.has('work.manage') && !!actor.regionPath && !actor.regionPath.includes('/');
}

/** The setting as the settings page shows it to this reader. */
export async function trainingSettingsFor(s: Services, ctx: RequestContext) {
  return { ...(await loadTrainingSettings(s.db.kysely)), mayEdit: mayEditTrainingSettings(ctx) };
}

export async function saveTrainingSettings(
  s: Services,
  ctx: RequestContext,
  input: { requiredHours: number },
  version: number,
) {
  if (!mayEditTrainingSettings(ctx))
    throw appError('FORBIDDEN', '年度学时要求全省统一，由省级统战部工作人员维护');
  await s.db.kysely.transaction().execute(async (trx) => {
    const before = await loadTrainingSettings(trx);
    if (!(await saveSettingVersioned(trx, KEY, JSON.stringify(input), version, toTimestamp(s.clock.now()))))
      throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'training_settings.update',
      objectType: 'setting',
      objectId: KEY,
      before: { requiredHours: before.requiredHours },
      after: input,
    });
  });
  return trainingSettingsFor(s, ctx);
}

const currentYear = (s: Services) => Number(shanghaiDate(s.clock.now()).slice(0, 4));

type PeopleRow = Awaited<ReturnType<typeof listPeopleHours>>['rows'][number];

// The people list answers a page of this many (by unit and name) unless asked, with the count of all
// (docs/decisions/training-people-paged.md). The web asks for the same.
export const PEOPLE_PAGE = 50;
function presentPerson(p: PeopleRow, requiredTenths: number) {
  const tenths = Number(p.tenths);
  return {
    personId: p.id,
    name: p.name,
    title: p.title,
    unitId: p.unit_id,
    unitName: p.unit_name,
    hours: hoursOf(tenths),
    requiredHours: hoursOf(requiredTenths),
    shortBy: hoursOf(Math.max(0, requiredTenths - tenths)),
  };
}

/** The reader's scope as a people filter: a unit's own people, staff and leaders their subtree's. */
function scopeFilter(ctx: RequestContext): { unitId?: number; subtree?: string | null } | null {
  const scope = ctx.actor?.scope;
  if (!scope) return null;
  switch (scope.kind) {
    case 'all':
      return { subtree: null };
    case 'region':
      return { subtree: scope.regionPath };
    case 'unit':
      return { unitId: scope.unitId };
    case 'organisation':
    case 'none':
      return null;
  }
}

// The people list and the per-unit summary are kept in the read cache (docs/decisions/
// training-pairing-read-cache.md) under everything they depend on besides the database: the reader's
// scope, the query and the year (this year when none is asked: the clock's). The requirement is a setting
// in the database, read inside, so a change of it empties the cache like any write.
type Scope = ReturnType<typeof scopeFilter>;

export async function listPeople(
  s: Services,
  ctx: RequestContext,
  query: {
    year?: number | undefined;
    unitId?: number | undefined;
    short?: 'true' | 'false' | undefined;
    limit?: number | undefined;
    offset?: number | undefined;
  },
) {
  const year = query.year ?? currentYear(s);
  const filter = scopeFilter(ctx);
  const short = query.short === 'true';
  const page = { limit: query.limit ?? PEOPLE_PAGE, offset: query.offset ?? 0 };
  const key = JSON.stringify([filter, year, query.unitId ?? null, short, page.limit, page.offset]);
  return readCache<Readonly<PeopleAnswer>>(s.db, 'training people lists', 200).get(key, async () =>
    immutable(await loadPeople(s, filter, year, query.unitId, short, page)),
  );
}

type PeopleAnswer = Awaited<ReturnType<typeof loadPeople>>;

async function loadPeople(
  s: Services,
  filter: Scope,
  year: number,
  unitId: number | undefined,
  short: boolean,
  page: { limit: number; offset: number },
) {
  const { requiredHours } = await loadTrainingSettings(s.db.kysely);
  const required = requiredHours * 10;
  const { offset } = page;
  if (!filter || (filter.unitId !== undefined && unitId !== undefined && unitId !== filter.unitId))
    return { year, requiredHours, items: [], total: 0, offset };
  const { rows, total } = await listPeopleHours(
    s.db.kysely,
    { year, ...filter, unitId: filter.unitId ?? unitId },
    { ...page, shortOf: short ? required : undefined },
  );
  return { year, requiredHours, items: rows.map((r) => presentPerson(r, required)), total, offset };
}

// Units per page unless asked (the web asks for the same).
const UNIT_PAGE = 20;

/**
 * 培训完成情况 of the reader's units, one page at a time: the units with the most people short of the
 * requirement first (those staff chase), with the totals of all of them. A province has some 2,000 units
 * with people in training; the whole list was 164 KB and a chart 70,000 px tall
 * (docs/decisions/training-units-paged.md). The sorted list is kept in the read cache; a page is a slice.
 */
export async function unitSummary(
  s: Services,
  ctx: RequestContext,
  q: { year?: number; limit?: number; offset?: number },
) {
  const y = q.year ?? currentYear(s);
  const filter = scopeFilter(ctx);
  const all = await readCache<Readonly<UnitSummaryAnswer>>(s.db, 'training unit summaries', 200).get(
    JSON.stringify([filter, y]),
    async () => immutable(await loadUnitSummary(s, filter, y)),
  );
  const offset = q.offset ?? 0;
  const limit = q.limit ?? UNIT_PAGE;
  return { ...all, units: all.units.slice(offset, offset + limit), offset };
}

type UnitSummaryAnswer = Awaited<ReturnType<typeof loadUnitSummary>>;

async function loadUnitSummary(s: Services, filter: Scope, y: number) {
  const { requiredHours } = await loadTrainingSettings(s.db.kysely);
  const rows = filter ? await sumPeopleByUnit(s.db.kysely, { year: y, ...filter }, requiredHours * 10) : [];
  let tenths = 0;
  const units = rows.map((r) => {
    const people = Number(r.people);
    const completed = Number(r.completed);
    tenths += Number(r.tenths);
    return {
      unitId: r.unit_id,
      unitName: r.unit_name,
      people,
      completed,
      short: people - completed,
      hours: hoursOf(Number(r.tenths)),
    };
  });
  // Most short first, then most people; by name (as the query returns them) among equals.
  units.sort((a, b) => b.short - a.short || b.people - a.people);
  const sum = (k: 'people' | 'completed' | 'short') => units.reduce((n, u) => n + u[k], 0);
  return {
    year: y,
    requiredHours,
    total: units.length,
    totals: {
      people: sum('people'),
      completed: sum('completed'),
      short: sum('short'),
      hours: hoursOf(tenths),
    },
    units,
  };
}

export async function myHours(s: Services, ctx: RequestContext, year: number | undefined) {
  const y = year ?? currentYear(s);
  const { requiredHours } = await loadTrainingSettings(s.db.kysely);
  const person = ctx.actor ? await findPersonByUser(s.db.kysely, ctx.actor.userId) : undefined;
  const credits = person ? await listCreditsOf(s.db.kysely, person.id, y) : [];
  const tenths = credits.reduce((sum, c) => sum + c.hours_tenths, 0);
  return {
    year: y,
    requiredHours,
    hours: hoursOf(tenths),
    shortBy: hoursOf(Math.max(0, requiredHours * 10 - tenths)),
    courses: credits.map((c) => ({
      courseId: c.id,
      title: c.title,
      organiser: c.organiser,
      endsOn: c.ends_on,
      hours: hoursOf(c.hours_tenths),
    })),
  };
}
