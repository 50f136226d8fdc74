import { type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Database, TaskRow, TaskTable } from '../../db/schema.ts';
import { COUNTED_COLUMNS, countedWrite } from './task.counts.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** A task row with the names a list or page shows beside it. */
export type TaskWithNames = TaskRow & {
  region_name: string;
  lead_unit_name: string;
  lead_unit_kind: string;
  lead_unit_region_code: string;
};

/**
 * The task columns a list row shows (taskToSummary): the list's page reads these and the names only, not
 * the description or the bookkeeping columns — half the bytes, and the page query's cost (bench:tasks).
 */
export const SUMMARY_COLUMNS = [
  'tasks.id',
  'tasks.year',
  'tasks.title',
  'tasks.source',
  'tasks.status',
  'tasks.health',
  'tasks.health_reasons',
  'tasks.progress',
  'tasks.start_date',
  'tasks.due_date',
  'tasks.cycle',
  'tasks.region_code',
  'tasks.manager_region_code',
  'tasks.lead_unit_id',
  'tasks.plan_id',
  'tasks.plan_item_id',
  'tasks.parent_id',
  'tasks.child_count',
  'tasks.version',
] as const;

type SummaryColumn = (typeof SUMMARY_COLUMNS)[number] extends `tasks.${infer C}` ? C : never;

/** A task's list row: SUMMARY_COLUMNS and the names (a TaskWithNames is one too). */
export type TaskSummaryRow = Pick<
  TaskWithNames,
  SummaryColumn | 'region_name' | 'lead_unit_name' | 'lead_unit_kind' | 'lead_unit_region_code'
>;

/** The names a list or page shows beside a task, from its lead unit and region. */
export const NAMES = [
  'r.name as region_name',
  'u.name as lead_unit_name',
  'u.kind as lead_unit_kind',
  'u.region_code as lead_unit_region_code',
] as const;

export function findTaskById(db: Q, id: number): Promise<TaskWithNames | undefined> {
  return db
    .selectFrom('tasks')
    .innerJoin('units as u', 'u.id', 'tasks.lead_unit_id')
    .innerJoin('regions as r', 'r.code', 'tasks.region_code')
    .selectAll('tasks')
    .select(NAMES)
    .where('tasks.id', '=', id)
    .executeTakeFirst();
}

// Every write of a task row is one of the four below, each through countedWrite: the counters kept on
// write (task_counts, plan_item_rollups) move in the same transaction. Write task rows nowhere else.

export async function insertTask(trx: Q, row: Insertable<TaskTable>): Promise<number> {
  return countedWrite(
    trx,
    null,
    async () => (await trx.insertInto('tasks').values(row).returning('id').executeTakeFirstOrThrow()).id,
    (id) => id,
  );
}

/** Applies the change if the task is still at `version`; false when someone changed it first. */
export async function updateTaskAtVersion(
  trx: Q,
  id: number,
  version: number,
  patch: Updateable<TaskTable>,
): Promise<boolean> {
  return countedWrite(trx, id, async () => {
    const res = await trx
      .updateTable('tasks')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  });
}

/**
 * A change the system derives (colour, roll-up progress, child count): no version check and no new
 * version, so a person's edit in flight is not refused for what nobody typed.
 */
export async function updateTask(trx: Q, id: number, patch: Updateable<TaskTable>): Promise<void> {
  const write = async () => {
    await trx.updateTable('tasks').set(patch).where('id', '=', id).execute();
  };
  // The colour's reasons alone, a timestamp: nothing counted moves.
  if (Object.keys(patch).some((k) => COUNTED_COLUMNS.has(k))) await countedWrite(trx, id, write);
  else await write();
}

export async function adjustChildCount(trx: Q, parentId: number, delta: number): Promise<void> {
  await countedWrite(trx, parentId, async () => {
    await trx
      .updateTable('tasks')
      .set((eb) => ({ child_count: eb('child_count', '+', delta) }))
      .where('id', '=', parentId)
      .execute();
  });
}

/** A report of the task entered (+1) or left (-1) the state 'submitted' (awaiting review). */
export async function adjustReportsSubmitted(trx: Q, taskId: number, delta: 1 | -1): Promise<void> {
  await countedWrite(trx, taskId, async () => {
    await trx
      .updateTable('tasks')
      .set((eb) => ({ reports_submitted: eb('reports_submitted', '+', delta) }))
      .where('id', '=', taskId)
      .execute();
  });
}

export async function listCooperators(db: Q, taskId: number) {
  return db
    .selectFrom('task_cooperators as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['u.id', 'u.name', 'u.region_code'])
    .where('c.task_id', '=', taskId)
    .orderBy('u.id')
    .execute();
}

export async function replaceCooperators(trx: Q, taskId: number, unitIds: number[]): Promise<void> {
  await trx.deleteFrom('task_cooperators').where('task_id', '=', taskId).execute();
  if (unitIds.length)
    await trx
      .insertInto('task_cooperators')
      .values(unitIds.map((unit_id) => ({ task_id: taskId, unit_id })))
      .execute();
}

export interface MilestoneValues {
  id?: number | undefined;
  title: string;
  due_date: string;
  done_date: string | null;
  evidence: string;
}

/**
 * Makes the task's milestones exactly `list`, in order: a listed id keeps its row (reports name milestones
 * by id), an unlisted one is removed, one without an id is added. Ids of another task's rows are ignored.
 */
export async function saveMilestones(trx: Q, taskId: number, list: MilestoneValues[]): Promise<void> {
  const keep = list.flatMap((m) => (m.id ? [m.id] : []));
  let del = trx.deleteFrom('task_milestones').where('task_id', '=', taskId);
  if (keep.length) del = del.where('id', 'not in', keep);
  await del.execute();
  for (const [position, { id, ...m }] of list.entries()) {
    const res = id
      ? await trx
          .updateTable('task_milestones')
          .set({ ...m, position })
          .where('id', '=', id)
          .where('task_id', '=', taskId)
          .executeTakeFirst()
      : undefined;
    if (!res || Number(res.numUpdatedRows) === 0)
      await trx
        .insertInto('task_milestones')
        .values({ ...m, position, task_id: taskId })
        .execute();
  }
}

export interface IndicatorValues {
  id?: number | undefined;
  name: string;
  measure_unit: string;
  baseline: number | null;
  target: number;
  actual: number | null;
  higher_is_better: number;
}

/** As saveMilestones, for indicators. */
export async function saveIndicators(trx: Q, taskId: number, list: IndicatorValues[]): Promise<void> {
  const keep = list.flatMap((m) => (m.id ? [m.id] : []));
  let del = trx.deleteFrom('task_indicators').where('task_id', '=', taskId);
  if (keep.length) del = del.where('id', 'not in', keep);
  await del.execute();
  for (const [position, { id, ...m }] of list.entries()) {
    const res = id
      ? await trx
          .updateTable('task_indicators')
          .set({ ...m, position })
          .where('id', '=', id)
          .where('task_id', '=', taskId)
          .executeTakeFirst()
      : undefined;
    if (!res || Number(res.numUpdatedRows) === 0)
      await trx
        .insertInto('task_indicators')
        .values({ ...m, position, task_id: taskId })
        .execute();
  }
}

export function listMilestones(db: Q, taskId: number) {
  return db
    .selectFrom('task_milestones')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('position')
    .execute();
}

export function listIndicators(db: Q, taskId: number) {
  return db
    .selectFrom('task_indicators')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('position')
    .execute();
}

/** Every task below `rootId` (children, their children …), in tree order by depth then id. */
export function listSubtree(db: Q, rootId: number) {
  return db
    .withRecursive('below(id)', (qb) =>
      qb
        .selectFrom('tasks')
        .select('id')
        .where('parent_id', '=', rootId)
        .unionAll((u) =>
          u.selectFrom('tasks as t').innerJoin('below as b', 'b.id', 't.parent_id').select('t.id'),
        ),
    )
    .selectFrom('tasks')
    .innerJoin('below', 'below.id', 'tasks.id')
    .innerJoin('units as u', 'u.id', 'tasks.lead_unit_id')
    .innerJoin('regions as r', 'r.code', 'tasks.region_code')
    .selectAll('tasks')
    .select(NAMES)
    .orderBy('tasks.depth')
    .orderBy('tasks.id')
    .limit(5000)
    .execute();
}

export function listChildren(db: Q, parentId: number) {
  return db
    .selectFrom('tasks')
    .select(['id', 'progress', 'weight', 'status'])
    .where('parent_id', '=', parentId)
    .execute();
}

/** The filter's tasks counted by colour and by one grouping column (plan section, or region path). */
