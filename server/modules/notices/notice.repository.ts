// The notices' rows: Kysely only, no rules (notice.service.ts holds them).
import type { RecordVisibility } from '../../core/access/visibility.ts';
import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Database, NoticeRow, NoticeStatus, NoticeTable } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type NoticeWithNames = NoticeRow & {
  task_title: string;
  lead_unit_name: string;
  lead_unit_kind: string;
  manager_region_name: string;
};

const OPEN: readonly NoticeStatus[] = [
  'issued',
  'signed',
  'responded',
  'rectifying',
  'done_reported',
  'delist_requested',
];

function withNames(db: Q) {
  return db
    .selectFrom('notices as n')
    .innerJoin('tasks as t', 't.id', 'n.task_id')
    .innerJoin('units as u', 'u.id', 'n.lead_unit_id')
    .innerJoin('regions as mr', 'mr.code', 'n.manager_region_code')
    .selectAll('n')
    .select([
      't.title as task_title',
      'u.name as lead_unit_name',
      'u.kind as lead_unit_kind',
      'mr.name as manager_region_name',
    ]);
}

export function findNoticeById(db: Q, id: number): Promise<NoticeWithNames | undefined> {
  return withNames(db).where('n.id', '=', id).executeTakeFirst();
}

export async function insertNotice(trx: Q, row: Insertable<NoticeTable>): Promise<number> {
  return (await trx.insertInto('notices').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertCopies(trx: Q, noticeId: number, unitIds: readonly number[]): Promise<void> {
  if (unitIds.length === 0) return;
  await trx
    .insertInto('notice_copies')
    .values(unitIds.map((unit_id) => ({ notice_id: noticeId, unit_id })))
    .execute();
}

export function listCopies(db: Q, noticeId: number) {
  return db
    .selectFrom('notice_copies as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['u.id', 'u.name', 'u.kind', 'u.region_code'])
    .where('c.notice_id', '=', noticeId)
    .orderBy('u.id')
    .execute();
}

export async function isCopiedTo(db: Q, noticeId: number, unitId: number): Promise<boolean> {
  const row = await db
    .selectFrom('notice_copies')
    .select('unit_id')
    .where('notice_id', '=', noticeId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Applies the change if the notice is still at `version`; false when someone changed it first. */
export async function updateNoticeAtVersion(
  trx: Q,
  id: number,
  version: number,
  patch: Updateable<NoticeTable>,
): Promise<boolean> {
  const res = await trx
    .updateTable('notices')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertNoticeEvent(
  trx: Q,
  e: {
    noticeId: number;
    at: string;
    actorId: number | null;
    actorName: string | null;
    kind: string;
    detail: object;
  },
): Promise<void> {
  await trx
    .insertInto('notice_events')
    .values({
      notice_id: e.noticeId,
      at: e.at,
      actor_id: e.actorId,
      actor_name: e.actorName,
      kind: e.kind,
      detail: JSON.stringify(e.detail),
    })
    .execute();
}

export function listNoticeEvents(db: Q, noticeId: number) {
  return db.selectFrom('notice_events').selectAll().where('notice_id', '=', noticeId).orderBy('id').execute();
}

/** Some notices by id, with names (the watch-list's summaries; at most a person's 500 followed). */
export function findNoticesByIds(db: Q, ids: readonly number[]): Promise<NoticeWithNames[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return withNames(db)
    .where('n.id', 'in', [...ids])
    .execute();
}

/** Of these notices, those copied (抄送) to the unit. */
export async function listCopiedAmong(db: Q, ids: readonly number[], unitId: number): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('notice_copies')
    .select('notice_id')
    .where('unit_id', '=', unitId)
    .where('notice_id', 'in', [...ids])
    .execute();
  return rows.map((r) => r.notice_id);
}

/** The latest events of some notices, newest first, after a feed position (see notice.watch.ts). */
export function listNoticeEventsFeed(
  db: Q,
  ids: readonly number[],
  before: { at: string; sameAt: number | 'all' | 'none' } | undefined,
  limit: number,
) {
  let q = db
    .selectFrom('notice_events as e')
    .innerJoin('notices as n', 'n.id', 'e.notice_id')
    .innerJoin('tasks as t', 't.id', 'n.task_id')
    .select(['e.id', 'e.at', 'e.notice_id', 't.title as task_title', 'n.level', 'e.actor_name', 'e.kind'])
    .where('e.notice_id', 'in', [...ids]);
  if (before) {
    const { at, sameAt } = before;
    q = q.where((eb) =>
      sameAt === 'none'
        ? eb('e.at', '<', at)
        : sameAt === 'all'
          ? eb('e.at', '<=', at)
          : eb.or([eb('e.at', '<', at), eb.and([eb('e.at', '=', at), eb('e.id', '<', sameAt)])]),
    );
  }
  return q.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
}

/** Who sees notices: a region subtree (staff, leaders), one unit (its own and those copied to it), all, none. */
export type NoticeVisibility = RecordVisibility;

export interface NoticeFilter {
  status?: NoticeStatus | 'open' | undefined;
  level?: NoticeTable['level'] | undefined;
  // The colour as two dates: red = running deadline before `today`; yellow = up to `yellowThrough`.
  colour?: { colour: 'red' | 'yellow' | 'green'; today: string; yellowThrough: string } | undefined;
  regionPath?: string | undefined;
  taskId?: number | undefined;
  // Issued by this person, or led by this unit.
  mine?: { userId: number; unitId: number | null } | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export function listNotices(db: Q, v: NoticeVisibility, f: NoticeFilter) {
  // The page's ids first, from the notice rows alone, then their names: joining the task, unit and region
  // of every notice in a city before sorting read a task row per notice (4 ms for a city's 340 notices
  // on the province data; 0.8 ms this way).
  let q = db.selectFrom('notices as n').select('n.id');
  if (v.kind === 'none') return Promise.resolve([]);
  if (v.kind === 'region') q = q.where(inSubtree(v.path));
  if (v.kind === 'unit')
    q = q.where((eb) =>
      eb.or([
        eb('n.lead_unit_id', '=', v.unitId),
        eb('n.id', 'in', eb.selectFrom('notice_copies').select('notice_id').where('unit_id', '=', v.unitId)),
      ]),
    );
  const regionPath = f.regionPath;
  if (regionPath) q = q.where(inSubtree(regionPath));
  if (f.status === 'open') q = q.where('n.status', 'in', OPEN);
  else if (f.status) q = q.where('n.status', '=', f.status);
  if (f.level) q = q.where('n.level', '=', f.level);
  if (f.taskId !== undefined) q = q.where('n.task_id', '=', f.taskId);
  const mine = f.mine;
  if (mine)
    q = q.where((eb) =>
      mine.unitId === null
        ? eb('n.issued_by', '=', mine.userId)
        : eb.or([eb('n.issued_by', '=', mine.userId), eb('n.lead_unit_id', '=', mine.unitId)]),
    );
  const c = f.colour;
  if (c) {
    q = q.where('n.status', 'in', OPEN);
    if (c.colour === 'red') q = q.where('n.active_due', '<', c.today);
    if (c.colour === 'yellow')
      q = q.where('n.active_due', '>=', c.today).where('n.active_due', '<=', c.yellowThrough);
    if (c.colour === 'green')
      q = q.where((eb) => eb.or([eb('n.active_due', 'is', null), eb('n.active_due', '>', c.yellowThrough)]));
  }
  if (f.beforeId !== undefined) q = q.where('n.id', '<', f.beforeId);
  const page = q.orderBy('n.id', 'desc').limit(f.limit + 1);
  return withNames(db).where('n.id', 'in', page).orderBy('n.id', 'desc').execute();
}

// A region and everything below it as one range, as tasks do: paths hold digits and '/', so
// [path, path + '0') is the path and its descendants (the index notices_scope covers it).
function inSubtree(path: string) {
  return sql<boolean>`(n.region_path >= ${path} and n.region_path < ${`${path}0`})`;
}

/** Open and overdue notices of a region subtree (overdue: the running deadline is before `today`). */
export async function countOpenNotices(db: Q, regionPath: string, today: string) {
  const row = await db
    .selectFrom('notices as n')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('open'),
      eb.fn.count<string | number>(eb.case().when('n.active_due', '<', today).then(1).end()).as('overdue'),
    ])
    .where('n.status', 'in', OPEN)
    .where(inSubtree(regionPath))
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), overdue: Number(row.overdue) };
}

/** Notices still waiting for the unit's response (待签收, 待反馈) whose response date is on or before `through`. */
export function listAwaitingResponse(db: Q, through: string) {
  return db
    .selectFrom('notices as n')
    .innerJoin('tasks as t', 't.id', 'n.task_id')
    .select([
      'n.id',
      'n.task_id',
      't.title as task_title',
      'n.level',
      'n.status',
      'n.response_due',
      'n.lead_unit_id',
      'n.region_code',
      'n.manager_region_code',
    ])
    .where('n.status', 'in', ['issued', 'signed'])
    .where('n.response_due', '<=', through)
    .orderBy('n.response_due')
    .orderBy('n.id')
    .execute();
}

export function findReportOfTask(db: Q, reportId: number, taskId: number) {
  return db
    .selectFrom('progress_reports')
    .select(['id', 'task_id', 'period_key', 'problems', 'status'])
    .where('id', '=', reportId)
    .where('task_id', '=', taskId)
    .executeTakeFirst();
}

export function findUnits(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('units')
    .select(['id', 'name', 'kind', 'region_code', 'status'])
    .where('id', 'in', ids)
    .execute();
}

export async function findRegionPath(db: Q, code: string): Promise<string | undefined> {
  return (await db.selectFrom('regions').select('path').where('code', '=', code).executeTakeFirst())?.path;
}
