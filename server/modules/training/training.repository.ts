// Kysely code of 干部培训: plans, courses, sessions, people, nominations, places, attendance, credits.
// Rows out, no rules: the services decide.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  Database,
  TrainingCourseTable,
  TrainingNominationTable,
  TrainingPlanTable,
  TrainingSessionTable,
} from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
export type PlanRow = Selectable<TrainingPlanTable> & { region_name: string };
export type CourseRow = Selectable<TrainingCourseTable> & {
  region_path: string;
  region_code: string;
  plan_status: 'draft' | 'approved';
  plan_title: string;
  year: number;
};
export type SessionRow = Selectable<TrainingSessionTable>;
export type SessionWithCourse = SessionRow & {
  course_title: string;
  course_status: 'open' | 'closed';
  region_path: string;
  plan_status: 'draft' | 'approved';
};
export type NominationRow = Selectable<TrainingNominationTable> & { region_path: string };

const inSubtree = (path: string) => [path, `${path}/%`] as const;

export function findPlan(db: Q, id: number): Promise<PlanRow | undefined> {
  return db
    .selectFrom('training_plans as p')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .selectAll('p')
    .select('r.name as region_name')
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** Plans of a region subtree (null: all), or those whose region holds `within` (a unit's region). */
export function listPlans(db: Q, filter: { subtree?: string | null; holding?: string; year?: number }) {
  let q = db
    .selectFrom('training_plans as p')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .select(['p.id', 'p.region_code', 'p.year', 'p.title', 'p.status', 'p.version', 'r.name as region_name'])
    .select((eb) =>
      eb
        .selectFrom('training_courses as c')
        .whereRef('c.plan_id', '=', 'p.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('courses'),
    );
  if (filter.subtree) {
    const [own, below] = inSubtree(filter.subtree);
    q = q.where((eb) => eb.or([eb('p.region_path', '=', own), eb('p.region_path', 'like', below)]));
  }
  if (filter.holding !== undefined) {
    // A unit sees the approved plans of its own region and the regions above it.
    const holding = filter.holding;
    q = q
      .where('p.status', '=', 'approved')
      .where((eb) =>
        eb.or([
          eb('p.region_path', '=', holding),
          eb(sql.lit(holding), 'like', sql<string>`${sql.ref('p.region_path')} || '/%'`),
        ]),
      );
  }
  if (filter.year !== undefined) q = q.where('p.year', '=', filter.year);
  return q.orderBy('p.year', 'desc').orderBy('p.id').limit(200).execute();
}

export async function insertPlan(
  trx: Q,
  row: Omit<Selectable<TrainingPlanTable>, 'id' | 'version' | 'approved_by' | 'approved_at'>,
): Promise<number> {
  const { id } = await trx.insertInto('training_plans').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function findPlanByRegionYear(db: Q, regionCode: string, year: number) {
  return db
    .selectFrom('training_plans')
    .select('id')
    .where('region_code', '=', regionCode)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function approvePlanRow(trx: Q, id: number, version: number, by: number, at: string) {
  const res = await trx
    .updateTable('training_plans')
    .set({ status: 'approved', approved_by: by, approved_at: at, updated_at: at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function listCourses(db: Q, planId: number) {
  return db
    .selectFrom('training_courses as c')
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('training_sessions as s')
        .whereRef('s.course_id', '=', 'c.id')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('s.hours_tenths'), sql.lit(0)).as('h'))
        .as('hours_tenths'),
    )
    .where('c.plan_id', '=', planId)
    .orderBy('c.starts_on')
    .orderBy('c.id')
    .execute();
}

export function findCourse(db: Q, id: number): Promise<CourseRow | undefined> {
  return db
    .selectFrom('training_courses as c')
    .innerJoin('training_plans as p', 'p.id', 'c.plan_id')
    .selectAll('c')
    .select(['p.region_path', 'p.region_code', 'p.status as plan_status', 'p.title as plan_title', 'p.year'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function insertCourse(
  trx: Q,
  row: Omit<Selectable<TrainingCourseTable>, 'id' | 'version' | 'closed_at'>,
): Promise<number> {
  const { id } = await trx
    .insertInto('training_courses')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertSessions(trx: Q, rows: Array<Omit<SessionRow, 'id' | 'version'>>): Promise<void> {
  if (rows.length) await trx.insertInto('training_sessions').values(rows).execute();
}

export async function closeCourseRow(trx: Q, id: number, version: number, at: string) {
  const res = await trx
    .updateTable('training_courses')
    .set({ status: 'closed', closed_at: at, updated_at: at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function listSessions(db: Q, courseId: number) {
  return db
    .selectFrom('training_sessions as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .selectFrom('training_attendance as a')
        .whereRef('a.session_id', '=', 's.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('attended'),
    )
    .where('s.course_id', '=', courseId)
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute();
}

export function findSession(db: Q, id: number): Promise<SessionWithCourse | undefined> {
  return db
    .selectFrom('training_sessions as s')
    .innerJoin('training_courses as c', 'c.id', 's.course_id')
    .innerJoin('training_plans as p', 'p.id', 'c.plan_id')
    .selectAll('s')
    .select([
      'c.title as course_title',
      'c.status as course_status',
      'p.region_path',
      'p.status as plan_status',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function bumpSession(trx: Q, id: number, version: number): Promise<boolean> {
  const res = await trx
    .updateTable('training_sessions')
    .set({ version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function countAttendance(db: Q, sessionId: number) {
  return db
    .selectFrom('training_attendance')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

// --- people and nominations ---

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
    .select(['n.person_id', 'n.unit_id', 'p.user_id'])
    .select((e) => e.fn.sum<number>('s.hours_tenths').as('tenths'))
    .where('n.course_id', '=', courseId)
    .where('n.status', '=', 'approved')
    .groupBy(['n.person_id', 'n.unit_id', 'p.user_id'])
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

// --- hours ---

/**
 * The people held to a year's requirement — everyone with an approved nomination for a course of that
 * year, or credits in it — with their credited hours (tenths), optionally of one unit or of units in a
 * region subtree.
 */
export function listPeopleHours(
  db: Q,
  filter: {
    year: number;
    unitId?: number | undefined;
    subtree?: string | null | undefined;
    personId?: number;
  },
) {
  let q = db
    .selectFrom('training_people as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select(['p.id', 'p.name', 'p.title', 'p.unit_id', 'p.user_id', 'u.name as unit_name'])
    .select((eb) =>
      eb
        .selectFrom('training_credits as cr')
        .whereRef('cr.person_id', '=', 'p.id')
        .where('cr.year', '=', filter.year)
        .select((e) => e.fn.coalesce(e.fn.sum<number>('cr.hours_tenths'), sql.lit(0)).as('h'))
        .as('tenths'),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('training_nominations as n')
          .innerJoin('training_courses as c', 'c.id', 'n.course_id')
          .innerJoin('training_plans as tp', 'tp.id', 'c.plan_id')
          .whereRef('n.person_id', '=', 'p.id')
          .where('n.status', '=', 'approved')
          .where('tp.year', '=', filter.year)
          .select('n.id'),
      ),
    );
  if (filter.unitId !== undefined) q = q.where('p.unit_id', '=', filter.unitId);
  if (filter.personId !== undefined) q = q.where('p.id', '=', filter.personId);
  if (filter.subtree) {
    const [own, below] = inSubtree(filter.subtree);
    q = q.where((eb) => eb.or([eb('r.path', '=', own), eb('r.path', 'like', below)]));
  }
  return q.orderBy('u.name').orderBy('p.name').orderBy('p.id').limit(5000).execute();
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
