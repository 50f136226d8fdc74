// Kysely code of 干部培训: plans, courses and sessions (people, nominations, places, attendance and
// credits are in training.people.repository.ts).
// Rows out, no rules: the services decide.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  Database,
  TrainingCourseTable,
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

/** A region and everything below it, as the two values of `region_path = ? or region_path like ?`. */
export const inSubtree = (path: string) => [path, `${path}/%`] as const;

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

/**
 * A draft plan's title, year or region (If-Match): one conditional update, so an approval in between wins.
 */
export async function updatePlanRow(
  trx: Q,
  id: number,
  version: number,
  change: Partial<Pick<Selectable<TrainingPlanTable>, 'title' | 'year' | 'region_code' | 'region_path'>>,
  at: string,
) {
  const res = await trx
    .updateTable('training_plans')
    .set({ ...change, updated_at: at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Moves a draft plan's version because its courses change (added, edited, deleted): a leader's approval
 * carries the version they read (If-Match), so one read before the change is refused rather than approving
 * dates and places they never saw. False when the plan is no longer a draft. The update also holds the
 * plan's row until the caller commits, so an approval cannot slip in between (PostgreSQL).
 */
export async function touchDraftPlan(trx: Q, id: number, at: string): Promise<boolean> {
  const res = await trx
    .updateTable('training_plans')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function updateCourseRow(
  trx: Q,
  id: number,
  version: number,
  change: Partial<
    Pick<
      Selectable<TrainingCourseTable>,
      'title' | 'organiser' | 'place' | 'starts_on' | 'ends_on' | 'places_per_unit'
    >
  > & { updated_at: string },
) {
  const res = await trx
    .updateTable('training_courses')
    .set({ ...change, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A draft course's sessions, replaced when it is edited (a draft has no attendance to lose). */
export async function deleteSessionsOf(trx: Q, courseId: number): Promise<void> {
  await trx.deleteFrom('training_sessions').where('course_id', '=', courseId).execute();
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

/** How many nominations, attendance and credits the courses have (a course with any stays as it is). */
export async function countCourseRecords(db: Q, courseIds: number[]): Promise<number> {
  if (!courseIds.length) return 0;
  const counts = await Promise.all(
    (['training_nominations', 'training_attendance', 'training_credits'] as const).map((table) =>
      db
        .selectFrom(table)
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .where('course_id', 'in', courseIds)
        .executeTakeFirstOrThrow(),
    ),
  );
  return counts.reduce((sum, r) => sum + Number(r.n), 0);
}

/**
 * Deletes a course of a draft plan with its sessions (If-Match): the version is moved first, by one
 * conditional update that also holds the row, so a concurrent edit and this cannot both succeed.
 */
export async function deleteCourseRow(trx: Q, id: number, version: number): Promise<boolean> {
  const held = await trx
    .updateTable('training_courses')
    .set({ version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(held.numUpdatedRows) !== 1) return false;
  await trx.deleteFrom('training_sessions').where('course_id', '=', id).execute();
  await trx.deleteFrom('training_unit_places').where('course_id', '=', id).execute();
  await trx.deleteFrom('training_courses').where('id', '=', id).execute();
  return true;
}

/** A course's dates moved (a draft plan moved to another year): its version moves with them. */
export async function moveCourseDates(
  trx: Q,
  id: number,
  dates: { starts_on: string; ends_on: string; updated_at: string },
): Promise<void> {
  await trx
    .updateTable('training_courses')
    .set((eb) => ({ ...dates, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function moveSession(trx: Q, id: number, startsAt: string): Promise<void> {
  await trx
    .updateTable('training_sessions')
    .set((eb) => ({ starts_at: startsAt, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export function findRegion(db: Q, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
}
