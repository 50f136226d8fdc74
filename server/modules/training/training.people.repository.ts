// Kysely code of 干部培训's people: trainees (users or minimal contacts), nominations within a unit's
// places, attendance per session and the credits issued at course close. Rows out, no rules.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, TrainingNominationTable } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
export type NominationRow = Selectable<TrainingNominationTable> & { region_path: string };

export function findPersonByUser(db: Q, userId: number) {
  return db.selectFrom('training_people').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export function findContactPerson(db: Q, unitId: number, name: string) {
  return db
    .selectFrom('training_people')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('name', '=', name)
    .where('user_id', 'is', null)
    .executeTakeFirst();
}

export async function insertPerson(
  trx: Q,
  row: { unit_id: number; user_id: number | null; name: string; title: string | null; created_at: string },
): Promise<number> {
  const { id } = await trx
    .insertInto('training_people')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function findUserInUnit(db: Q, user: number | string) {
  const q = db.selectFrom('users').select(['id', 'display_name', 'unit_id', 'status']);
  return (
    typeof user === 'number'
      ? q.where('id', '=', user)
      : q.where(sql<string>`lower(username)`, '=', user.toLowerCase())
  ).executeTakeFirst();
}

export function findUnit(db: Q, unitId: number) {
  return db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select(['u.id', 'u.name', 'r.path as region_path'])
    .where('u.id', '=', unitId)
    .executeTakeFirst();
}

export function listNominations(db: Q, courseId: number, unitId: number | null) {
  let q = db
    .selectFrom('training_nominations as n')
    .innerJoin('training_people as p', 'p.id', 'n.person_id')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .leftJoin('training_credits as cr', (j) =>
      j.onRef('cr.course_id', '=', 'n.course_id').onRef('cr.person_id', '=', 'n.person_id'),
    )
    .select([
      'n.id',
      'n.person_id',
      'n.unit_id',
      'n.status',
      'n.reason',
      'n.version',
      'p.name',
      'p.title',
      'p.user_id',
      'u.name as unit_name',
      'cr.hours_tenths as credited_tenths',
    ])
    .where('n.course_id', '=', courseId);
  if (unitId !== null) q = q.where('n.unit_id', '=', unitId);
  return q.orderBy('u.name').orderBy('n.id').limit(2000).execute();
}

export function listAttendance(db: Q, courseId: number) {
  return db
    .selectFrom('training_attendance')
    .select(['session_id', 'person_id'])
    .where('course_id', '=', courseId)
    .execute();
}

export function findNomination(db: Q, id: number): Promise<NominationRow | undefined> {
  return db
    .selectFrom('training_nominations as n')
    .innerJoin('training_courses as c', 'c.id', 'n.course_id')
    .innerJoin('training_plans as p', 'p.id', 'c.plan_id')
    .selectAll('n')
    .select('p.region_path')
    .where('n.id', '=', id)
    .executeTakeFirst();
}

export function findNominationOf(db: Q, courseId: number, personId: number) {
  return db
    .selectFrom('training_nominations')
    .selectAll()
    .where('course_id', '=', courseId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function insertNomination(
  trx: Q,
  row: Omit<Selectable<TrainingNominationTable>, 'id' | 'version' | 'decided_by' | 'decided_at' | 'reason'>,
): Promise<number> {
  const { id } = await trx
    .insertInto('training_nominations')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function decideNominationRow(
  trx: Q,
  id: number,
  version: number,
  change: { status: 'approved' | 'refused'; reason: string | null; decided_by: number; decided_at: string },
) {
  const res = await trx
    .updateTable('training_nominations')
    .set({ ...change, updated_at: change.decided_at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Takes one of a unit's places on a course if one is left; false when all are used. */
export async function takePlace(trx: Q, courseId: number, unitId: number, places: number): Promise<boolean> {
  await trx
    .insertInto('training_unit_places')
    .values({ course_id: courseId, unit_id: unitId, used: 0 })
    .onConflict((oc) => oc.columns(['course_id', 'unit_id']).doNothing())
    .execute();
  const res = await trx
    .updateTable('training_unit_places')
    .set((eb) => ({ used: eb('used', '+', 1) }))
    .where('course_id', '=', courseId)
    .where('unit_id', '=', unitId)
    .where('used', '<', places)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function releasePlace(trx: Q, courseId: number, unitId: number): Promise<void> {
  await trx
    .updateTable('training_unit_places')
    .set((eb) => ({ used: eb('used', '-', 1) }))
    .where('course_id', '=', courseId)
    .where('unit_id', '=', unitId)
    .where('used', '>', 0)
    .execute();
}

export async function placesUsed(db: Q, courseId: number, unitId: number): Promise<number> {
  const row = await db
    .selectFrom('training_unit_places')
    .select('used')
    .where('course_id', '=', courseId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return row?.used ?? 0;
}

/** Records one person at one session; false when already recorded (a replayed scan, a second tick). */
export async function insertAttendance(
  trx: Q,
  row: {
    session_id: number;
    person_id: number;
    course_id: number;
    method: 'qr' | 'sheet';
    recorded_by: number | null;
    recorded_at: string;
  },
): Promise<boolean> {
  const res = await trx
    .insertInto('training_attendance')
    .values(row)
    .onConflict((oc) => oc.columns(['session_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return (res.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Per approved participant of a course: the hours of the sessions they attended (tenths). */
export function attendedHours(db: Q, courseId: number) {
  return db
    .selectFrom('training_nominations as n')
    .innerJoin('training_attendance as a', (j) =>
      j.onRef('a.course_id', '=', 'n.course_id').onRef('a.person_id', '=', 'n.person_id'),
    )
    .innerJoin('training_sessions as s', 's.id', 'a.session_id')
    .innerJoin('training_people as p', 'p.id', 'n.person_id')
    .select(['n.person_id', 'n.unit_id', 'p.user_id', 'p.unit_id as person_unit_id'])
    .select((e) => e.fn.sum<number>('s.hours_tenths').as('tenths'))
    .where('n.course_id', '=', courseId)
    .where('n.status', '=', 'approved')
    .groupBy(['n.person_id', 'n.unit_id', 'p.user_id', 'p.unit_id'])
    .execute();
}

export async function insertCredits(
  trx: Q,
  rows: Array<{
    course_id: number;
    person_id: number;
    unit_id: number;
    year: number;
    hours_tenths: number;
    issued_at: string;
  }>,
): Promise<void> {
  if (rows.length) await trx.insertInto('training_credits').values(rows).execute();
}
