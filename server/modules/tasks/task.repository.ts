import {
  type Expression,
  type ExpressionBuilder,
  type SqlBool,
  type Insertable,
  type Kysely,
  type Transaction,
  type Updateable,
} from 'kysely';
import { likeContains } from '../../db/like.ts';
import type { Database, Health, TaskRow, TaskStatus, TaskTable } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** A task row with the names a list or page shows beside it. */
export type TaskWithNames = TaskRow & {
  region_name: string;
  lead_unit_name: string;
  lead_unit_kind: string;
  lead_unit_region_code: string;
};

/**
 * Which tasks a reader may see, as data: everything; a region subtree (by the lead unit's region path);
 * the tasks a unit leads or cooperates on; or nothing.
 */
export type TaskVisibility =
  { kind: 'all' } | { kind: 'region'; path: string } | { kind: 'unit'; unitId: number } | { kind: 'none' };

type TaskEb = ExpressionBuilder<
  Database & { u: Database['units']; r: Database['regions'] },
  'tasks' | 'u' | 'r'
>;

/** The lead unit's region path lies at or below `path`: one indexed range on the task's own row. */
function underPath(eb: TaskEb, column: 'tasks.region_path' | 'tasks.manager_region_path', path: string) {
  return eb.or([eb(column, '=', path), eb.and([eb(column, '>', `${path}/`), eb(column, '<', `${path}0`)])]);
}

function visibleWhere(eb: TaskEb, v: TaskVisibility) {
  switch (v.kind) {
    case 'all':
      return eb.lit(true);
    case 'region':
      return underPath(eb, 'tasks.region_path', v.path);
    case 'unit':
      return eb.or([
        eb('tasks.lead_unit_id', '=', v.unitId),
        eb(
          'tasks.id',
          'in',
          eb.selectFrom('task_cooperators').select('task_id').where('unit_id', '=', v.unitId),
        ),
      ]);
    case 'none':
      return eb.lit(false);
  }
}

const OPEN: TaskStatus[] = ['assigned', 'accepted', 'completion_requested'];

export interface TaskFilter {
  visibility: TaskVisibility;
  year?: number | undefined;
  planId?: number | undefined;
  sectionId?: number | undefined;
  planItemId?: number | undefined;
  regionPath?: string | undefined;
  // regionPath names one region's own tasks, not its subtree.
  regionOnly?: boolean | undefined;
  leadUnitId?: number | undefined;
  cooperatingUnitId?: number | undefined;
  parentId?: number | undefined;
  status?: TaskStatus[] | undefined;
  health?: Health[] | undefined;
  source?: TaskRow['source'] | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  q?: string | undefined;
  undecomposed?: boolean | undefined;
}

function filtered(db: Q, f: TaskFilter) {
  return db
    .selectFrom('tasks')
    .innerJoin('units as u', 'u.id', 'tasks.lead_unit_id')
    .innerJoin('regions as r', 'r.code', 'tasks.region_code')
    .where((eb) => {
      const and: Expression<SqlBool>[] = [visibleWhere(eb, f.visibility)];
      if (f.year !== undefined) and.push(eb('tasks.year', '=', f.year));
      if (f.planId !== undefined) and.push(eb('tasks.plan_id', '=', f.planId));
      if (f.sectionId !== undefined) and.push(eb('tasks.plan_section_id', '=', f.sectionId));
      if (f.planItemId !== undefined) and.push(eb('tasks.plan_item_id', '=', f.planItemId));
      if (f.regionPath !== undefined)
        and.push(
          f.regionOnly
            ? eb('tasks.region_path', '=', f.regionPath)
            : underPath(eb, 'tasks.region_path', f.regionPath),
        );
      if (f.leadUnitId !== undefined) and.push(eb('tasks.lead_unit_id', '=', f.leadUnitId));
      if (f.cooperatingUnitId !== undefined) {
        const unitId = f.cooperatingUnitId;
        and.push(
          eb(
            'tasks.id',
            'in',
            eb.selectFrom('task_cooperators').select('task_id').where('unit_id', '=', unitId),
          ),
        );
      }
      if (f.parentId !== undefined) and.push(eb('tasks.parent_id', '=', f.parentId));
      if (f.status?.length) and.push(eb('tasks.status', 'in', f.status));
      if (f.health?.length) and.push(eb('tasks.health', 'in', f.health));
      if (f.source !== undefined) and.push(eb('tasks.source', '=', f.source));
      if (f.dueFrom !== undefined) and.push(eb('tasks.due_date', '>=', f.dueFrom));
      if (f.dueTo !== undefined) and.push(eb('tasks.due_date', '<=', f.dueTo));
      if (f.q) and.push(likeContains('tasks.title', f.q));
      if (f.undecomposed !== undefined) {
        const delegated = eb.and([
          eb('u.kind', '=', 'department'),
          eb('tasks.region_code', '<>', eb.ref('tasks.manager_region_code')),
          eb('tasks.child_count', '=', 0),
          eb('tasks.status', 'in', OPEN),
        ]);
        and.push(f.undecomposed ? delegated : eb.not(delegated));
      }
      return eb.and(and);
    });
}

const NAMES = [
  'r.name as region_name',
  'u.name as lead_unit_name',
  'u.kind as lead_unit_kind',
  'u.region_code as lead_unit_region_code',
] as const;

export interface TaskPageArgs {
  sort: 'id' | 'due';
  // The sort key of the last row of the previous page.
  after?: { id: number; due?: string } | undefined;
  limit: number;
}

export function listTasks(db: Q, f: TaskFilter, page: TaskPageArgs): Promise<TaskWithNames[]> {
  let q = filtered(db, f).selectAll('tasks').select(NAMES);
  const after = page.after;
  if (page.sort === 'due') {
    if (after?.due !== undefined) {
      const due = after.due;
      q = q.where((eb) =>
        eb.or([
          eb('tasks.due_date', '>', due),
          eb.and([eb('tasks.due_date', '=', due), eb('tasks.id', '>', after.id)]),
        ]),
      );
    }
    q = q.orderBy('tasks.due_date').orderBy('tasks.id');
  } else {
    if (after) q = q.where('tasks.id', '<', after.id);
    q = q.orderBy('tasks.id', 'desc');
  }
  return q.limit(page.limit).execute();
}

/** How many tasks of the filter (without its colour filter) have each colour. */
export async function countTasksByHealth(db: Q, f: TaskFilter): Promise<Record<Health, number>> {
  const rows = await filtered(db, { ...f, health: undefined })
    .select(['tasks.health', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('tasks.health')
    .execute();
  const counts: Record<Health, number> = { green: 0, yellow: 0, red: 0, none: 0 };
  for (const r of rows) counts[r.health] = Number(r.n);
  return counts;
}

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

export async function insertTask(trx: Q, row: Insertable<TaskTable>): Promise<number> {
  const { id } = await trx.insertInto('tasks').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Applies the change if the task is still at `version`; false when someone changed it first. */
export async function updateTaskAtVersion(
  trx: Q,
  id: number,
  version: number,
  patch: Updateable<TaskTable>,
): Promise<boolean> {
  const res = await trx
    .updateTable('tasks')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * A change the system derives (colour, roll-up progress, child count): no version check and no new
 * version, so a person's edit in flight is not refused for what nobody typed.
 */
export async function updateTask(trx: Q, id: number, patch: Updateable<TaskTable>): Promise<void> {
  await trx.updateTable('tasks').set(patch).where('id', '=', id).execute();
}

export async function adjustChildCount(trx: Q, parentId: number, delta: number): Promise<void> {
  await trx
    .updateTable('tasks')
    .set((eb) => ({ child_count: eb('child_count', '+', delta) }))
    .where('id', '=', parentId)
    .execute();
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

/**
 * The tasks of a plan item (for refusing to delete an item that has tasks).
 * @public Not used yet: kept for the tasks work still landing (knip does not report @public).
 */
export function listTasksOfItems(db: Q, itemIds: number[]) {
  if (!itemIds.length) return Promise.resolve([]);
  return db
    .selectFrom('tasks')
    .select(['id', 'title', 'plan_item_id'])
    .where('plan_item_id', 'in', itemIds)
    .where('status', '<>', 'cancelled')
    .orderBy('id')
    .limit(200)
    .execute();
}

export async function insertTaskEvent(
  trx: Q,
  e: {
    taskId: number;
    at: string;
    actorId: number | null;
    actorName: string | null;
    kind: string;
    detail?: object;
  },
): Promise<void> {
  await trx
    .insertInto('task_events')
    .values({
      task_id: e.taskId,
      at: e.at,
      actor_id: e.actorId,
      actor_name: e.actorName,
      kind: e.kind,
      detail: JSON.stringify(e.detail ?? {}),
    })
    .execute();
}

export function listTaskEvents(db: Q, taskId: number) {
  return db
    .selectFrom('task_events')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('id')
    .limit(2000)
    .execute();
}

export function listAdjustments(db: Q, taskId: number) {
  return db
    .selectFrom('task_adjustments as a')
    .innerJoin('users as q', 'q.id', 'a.requested_by')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .selectAll('a')
    .select(['q.display_name as requested_by_name', 'd.display_name as decided_by_name'])
    .where('a.task_id', '=', taskId)
    .orderBy('a.id')
    .execute();
}

export function findAdjustment(db: Q, taskId: number, id: number) {
  return db
    .selectFrom('task_adjustments')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertAdjustment(
  trx: Q,
  row: Insertable<Database['task_adjustments']>,
): Promise<number> {
  const { id } = await trx
    .insertInto('task_adjustments')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Decides a pending request; false when it was decided already. */
export async function decideAdjustment(
  trx: Q,
  id: number,
  patch: { status: 'approved' | 'refused'; decided_by: number; decided_at: string; decision_comment: string },
): Promise<boolean> {
  const res = await trx
    .updateTable('task_adjustments')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** @public Not used yet: kept for the tasks work still landing (knip does not report @public). */
export async function insertHealthHistory(
  trx: Q,
  row: { task_id: number; at: string; health: Health; reasons: string },
): Promise<void> {
  await trx.insertInto('task_health_history').values(row).execute();
}

export function listHealthHistory(db: Q, taskId: number) {
  return db
    .selectFrom('task_health_history')
    .select(['at', 'health', 'reasons'])
    .where('task_id', '=', taskId)
    .orderBy('at')
    .limit(1000)
    .execute();
}

/** The filter's tasks counted by colour and by one grouping column (plan section, or region path). */
export function countTasksGrouped(db: Q, f: TaskFilter, by: 'tasks.plan_section_id' | 'tasks.region_path') {
  return filtered(db, { ...f, health: undefined })
    .select([`${by} as group_key`, 'tasks.health', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy([by, 'tasks.health'])
    .execute();
}
