// What the Excel import and export read and write: the plan and its items, the units a table may name,
// the import ledger (task_imports) and, for the 进度台账, each task's reports.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function findPlanForImport(db: Q, planId: number) {
  return db
    .selectFrom('plans as p')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .select(['p.id', 'p.title', 'p.year', 'p.status', 'p.region_code', 'r.path as region_path'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
}

export function listPlanItems(db: Q, planId: number) {
  return db
    .selectFrom('plan_items')
    .select(['id', 'number', 'heading', 'depth'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
}

export function findPlanItemsByIds(db: Q, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('plan_items').select(['id', 'number', 'heading']).where('id', 'in', ids).execute();
}

/** Active units of a region subtree (where a manager may assign work), with their region's name. */
export function listUnitsUnder(db: Q, regionPath: string) {
  return db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select(['u.id', 'u.name', 'u.aliases', 'r.name as region_name'])
    .where('u.status', '=', 'active')
    .where((eb) => eb.or([eb('r.path', '=', regionPath), eb('r.path', 'like', `${regionPath}/%`)]))
    .orderBy('u.id')
    .execute();
}

export function listActiveUsersOfUnits(db: Q, unitIds: number[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'unit_id'])
    .where('status', '=', 'active')
    .where('unit_id', 'in', unitIds)
    .execute();
}

export function findImport(db: Q, planId: number, fileHash: string) {
  return db
    .selectFrom('task_imports')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('file_hash', '=', fileHash)
    .executeTakeFirst();
}

export async function insertImport(
  trx: Q,
  row: {
    plan_id: number;
    file_hash: string;
    file_name: string;
    created_by: number | null;
    created_at: string;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('task_imports')
    .values({ ...row, task_count: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setImportCount(trx: Q, id: number, count: number): Promise<void> {
  await trx.updateTable('task_imports').set({ task_count: count }).where('id', '=', id).execute();
}

/** Cooperating unit names, indicators and responsible person of tasks, for the export's columns. */
export async function exportExtras(db: Q, taskIds: number[]) {
  if (taskIds.length === 0) return { coop: [], indicators: [], people: [] };
  const [coop, indicators, people] = await Promise.all([
    db
      .selectFrom('task_cooperators as c')
      .innerJoin('units as u', 'u.id', 'c.unit_id')
      .select(['c.task_id', 'u.name'])
      .where('c.task_id', 'in', taskIds)
      .orderBy('u.id')
      .execute(),
    db
      .selectFrom('task_indicators')
      .select(['task_id', 'name', 'target', 'measure_unit'])
      .where('task_id', 'in', taskIds)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('tasks as t')
      .innerJoin('users as u', 'u.id', 't.responsible_user_id')
      .select(['t.id as task_id', 'u.display_name'])
      .where('t.id', 'in', taskIds)
      .execute(),
  ]);
  return { coop, indicators, people };
}

/** Every report of these tasks, period by period (the 进度台账 keeps the latest state of each period). */
export function reportsOf(db: Q, taskIds: number[]) {
  if (taskIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('progress_reports')
    .select([
      'task_id',
      'period_key',
      'due_date',
      'status',
      'percent',
      'narrative',
      'problems',
      'late',
      'submitted_at',
    ])
    .where('task_id', 'in', taskIds)
    .orderBy('task_id')
    .orderBy('period_key')
    .execute();
}
