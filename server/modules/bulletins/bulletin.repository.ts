// Kysely code of the 督办通报: the bulletin rows, and the two facts the task module's lists do not give
// (tasks completed within a period, and the units a bulletin is sent to).
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { BulletinTable, Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
export type BulletinRow = Selectable<BulletinTable>;
export type BulletinWithRegion = BulletinRow & { region_name: string };

const inSubtree = (path: string) => [path, `${path}/%`] as const;

const withRegion = (db: Q) =>
  db
    .selectFrom('bulletins as b')
    .innerJoin('regions as r', 'r.code', 'b.region_code')
    .selectAll('b')
    .select('r.name as region_name');

export function findBulletin(db: Q, id: number): Promise<BulletinWithRegion | undefined> {
  return withRegion(db).where('b.id', '=', id).executeTakeFirst();
}

/** The bulletins of a region subtree, newest first (a region's staff read their own and those below). */
export function listBulletins(db: Q, path: string | null, limit: number): Promise<BulletinWithRegion[]> {
  let q = withRegion(db);
  if (path !== null) {
    const [own, below] = inSubtree(path);
    q = q.where((eb) => eb.or([eb('b.region_path', '=', own), eb('b.region_path', 'like', below)]));
  }
  return q.orderBy('b.id', 'desc').limit(limit).execute();
}

export async function insertBulletin(
  trx: Q,
  row: Omit<BulletinRow, 'id' | 'version' | 'issued_on' | 'issued_by' | 'sent_at' | 'sent_units'>,
): Promise<number> {
  const { id } = await trx.insertInto('bulletins').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Writes a draft's change if it is still at `version`; false when someone changed it first. */
export async function updateBulletin(
  trx: Q,
  id: number,
  version: number,
  change: Partial<
    Pick<BulletinRow, 'title' | 'sections' | 'status' | 'issued_on' | 'issued_by' | 'sent_at' | 'sent_units'>
  > & {
    updated_at: string;
  },
): Promise<boolean> {
  const res = await trx
    .updateTable('bulletins')
    .set({ ...change, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Tasks of the subtree and year completed (办结确认) within [from, to] (Asia/Shanghai dates). */
export function listCompletedBetween(db: Q, path: string, year: number, from: string, to: string) {
  const [own, below] = inSubtree(path);
  return (
    db
      .selectFrom('tasks as t')
      .innerJoin('units as u', 'u.id', 't.lead_unit_id')
      .select(['t.id', 't.title', 'u.name as unit_name', 't.ended_at'])
      .where((eb) => eb.or([eb('t.region_path', '=', own), eb('t.region_path', 'like', below)]))
      .where('t.year', '=', year)
      .where('t.status', '=', 'completed')
      // Timestamps are stored as Asia/Shanghai local time ('2026-11-03T10:00:00.000+08:00'): a day's
      // prefix compares as text.
      .where('t.ended_at', '>=', from)
      .where('t.ended_at', '<', `${to}T99`)
      .orderBy('t.ended_at')
      .orderBy('t.id')
      .execute()
  );
}

/** 发文机关: the region's 统战部 (the department unit of the region itself). */
export async function findRegionDepartment(db: Q, regionCode: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('units')
    .select('name')
    .where('region_code', '=', regionCode)
    .where('kind', '=', 'department')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  return row?.name;
}

/** The units a bulletin goes to: every unit leading an assigned task of the subtree and year. */
export async function listLeadUnits(db: Q, path: string, year: number): Promise<number[]> {
  const [own, below] = inSubtree(path);
  const rows = await db
    .selectFrom('tasks')
    .select('lead_unit_id')
    .distinct()
    .where((eb) => eb.or([eb('region_path', '=', own), eb('region_path', 'like', below)]))
    .where('year', '=', year)
    .where('status', 'not in', ['draft', 'cancelled'])
    .orderBy('lead_unit_id')
    .execute();
  return rows.map((r) => r.lead_unit_id);
}

/**
 * 督办单 of the subtree issued or closed within [from, to] (Asia/Shanghai dates), with task and lead unit.
 * The notice list has no date filter, so the bulletin reads the notices table here (read only; the
 * notices module owns every write).
 */
export function listNoticesBetween(db: Q, path: string, from: string, to: string) {
  const [own, below] = inSubtree(path);
  const end = `${to}T99`;
  // Withdrawn notices are left out: a mistake taken back before signing is not 督办 (notice-withdraw.md).
  return db
    .selectFrom('notices as n')
    .innerJoin('tasks as t', 't.id', 'n.task_id')
    .innerJoin('units as u', 'u.id', 'n.lead_unit_id')
    .select([
      'n.id',
      'n.level',
      'n.status',
      'n.rating',
      'n.issued_at',
      'n.closed_at',
      't.title',
      'u.name as unit_name',
    ])
    .where((eb) => eb.or([eb('n.region_path', '=', own), eb('n.region_path', 'like', below)]))
    .where((eb) => eb.or([eb.between('n.issued_at', from, end), eb.between('n.closed_at', from, end)]))
    .where('n.status', '<>', 'withdrawn')
    .orderBy('n.issued_at')
    .orderBy('n.id')
    .execute();
}
