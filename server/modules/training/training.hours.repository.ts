// Kysely code of 干部培训's hours: each person's hours of a year kept on write in training_person_hours
// (docs/decisions/training-hours-kept.md) — a row when a nomination is approved, its tenths raised in the
// same transaction as the credits issued at a course's close — and the reads of the per-unit summary, the
// people list, the shortfall job and the reader's own hours. Rows out, no rules.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inSubtree } from './training.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Holds a person to a year's requirement (their nomination approved): a row of 0 hours if none yet. */
export async function holdToYear(
  trx: Q,
  row: { year: number; person_id: number; unit_id: number },
): Promise<void> {
  await trx
    .insertInto('training_person_hours')
    .values({ ...row, tenths: 0 })
    .onConflict((oc) => oc.columns(['year', 'person_id']).doNothing())
    .execute();
}

/** Adds credits just issued to each person's hours of the year, in the credits' own transaction. */
export async function addHours(
  trx: Q,
  rows: Array<{ year: number; person_id: number; unit_id: number; tenths: number }>,
): Promise<void> {
  if (!rows.length) return;
  await trx
    .insertInto('training_person_hours')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['year', 'person_id']).doUpdateSet((eb) => ({
        tenths: eb('training_person_hours.tenths', '+', eb.ref('excluded.tenths')),
      })),
    )
    .execute();
}

interface PeopleFilter {
  year: number;
  unitId?: number | undefined;
  subtree?: string | null | undefined;
}

/** A year's people held to the requirement, of one unit or of the units in a region subtree. */
function heldPeople(db: Q, filter: PeopleFilter) {
  let q = db
    .selectFrom('training_person_hours as h')
    .innerJoin('units as u', 'u.id', 'h.unit_id')
    .where('h.year', '=', filter.year);
  if (filter.unitId !== undefined) q = q.where('h.unit_id', '=', filter.unitId);
  if (filter.subtree) q = q.where('u.region_code', 'in', regionsOf(db, filter.subtree));
  return q;
}

/** The codes of a region and the regions below it (a subquery read once, not per row). */
function regionsOf(db: Q, subtree: string) {
  const [own, below] = inSubtree(subtree);
  return db
    .selectFrom('regions as r')
    .select('r.code')
    .where((eb) => eb.or([eb('r.path', '=', own), eb('r.path', 'like', below)]));
}

/** The people with their hours (tenths), those short of `shortOf` only when given. */
function peopleWithHours(db: Q, filter: PeopleFilter, shortOf?: number) {
  let q = heldPeople(db, filter)
    .innerJoin('training_people as p', 'p.id', 'h.person_id')
    .select(['p.id', 'p.name', 'p.title', 'h.unit_id', 'p.user_id', 'u.name as unit_name', 'h.tenths']);
  if (shortOf !== undefined) q = q.where('h.tenths', '<', shortOf);
  return q;
}

/** A page of the people (by unit, name) and how many there are in all. */
export async function listPeopleHours(
  db: Q,
  filter: PeopleFilter,
  page: { limit: number; offset: number; shortOf?: number | undefined },
) {
  let count = heldPeople(db, filter).select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (page.shortOf !== undefined) count = count.where('h.tenths', '<', page.shortOf);
  const [rows, counted] = await Promise.all([
    peopleWithHours(db, filter, page.shortOf)
      .orderBy('u.name')
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(counted.n) };
}

/** The people short of `shortOf` tenths in id order from `afterId`: the shortfall job's batches. */
export function peopleShortAfter(
  db: Q,
  filter: PeopleFilter,
  shortOf: number,
  afterId: number,
  limit: number,
) {
  return peopleWithHours(db, filter, shortOf)
    .where('h.person_id', '>', afterId)
    .orderBy('h.person_id')
    .limit(limit)
    .execute();
}

/** Per unit: people held to the requirement, how many reached `requiredTenths`, and their hours. */
export function sumPeopleByUnit(db: Q, filter: PeopleFilter, requiredTenths: number) {
  // Grouped from the (year, unit, tenths) index first, then the few hundred units named and scoped.
  let perUnit = db
    .selectFrom('training_person_hours as h')
    .select('h.unit_id')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('people'),
      eb.fn
        .sum<number | string>(sql`case when h.tenths >= ${requiredTenths} then 1 else 0 end`)
        .as('completed'),
      eb.fn.sum<number | string>('h.tenths').as('tenths'),
    ])
    .where('h.year', '=', filter.year)
    .groupBy('h.unit_id');
  if (filter.unitId !== undefined) perUnit = perUnit.where('h.unit_id', '=', filter.unitId);
  let q = db
    .selectFrom(perUnit.as('x'))
    .innerJoin('units as u', 'u.id', 'x.unit_id')
    .select(['x.unit_id', 'u.name as unit_name', 'x.people', 'x.completed', 'x.tenths']);
  if (filter.subtree) q = q.where('u.region_code', 'in', regionsOf(db, filter.subtree));
  return q.orderBy('u.name').orderBy('x.unit_id').execute();
}

export function listCreditsOf(db: Q, personId: number, year: number) {
  return db
    .selectFrom('training_credits as cr')
    .innerJoin('training_courses as c', 'c.id', 'cr.course_id')
    .select(['c.id', 'c.title', 'c.organiser', 'c.ends_on', 'cr.hours_tenths'])
    .where('cr.person_id', '=', personId)
    .where('cr.year', '=', year)
    .orderBy('c.ends_on')
    .execute();
}
