// Tasks (任务分解): create (by hand, from a plan item, or below a parent task), list, read and edit.
// The lifecycle (assign, sign, adjust, complete, cancel) is in task.lifecycle.ts.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../core/http/pagination.ts';
import { isRowId } from '../../core/http/row-id.ts';
import { immutable } from '../../core/immutable.ts';
import type { Services } from '../../core/services.ts';
import { readCache } from '../../db/read-cache.ts';
import type { Database, TaskStatus } from '../../db/schema.ts';
import { checkTaskRefs, managerRegionOf, refuseField } from './task.input.ts';
import { actsForLeadUnit, canManageTask, canSeeTask, visibilityOf } from './task.policy.ts';
import { taskToSummary } from './task.present.ts';
import { findPlanItemRef, findRegionRef, findSectionOf } from './task.refs.repository.ts';
import {
  adjustChildCount,
  findTaskById,
  insertTask,
  listCooperators,
  replaceCooperators,
  saveIndicators,
  saveMilestones,
  updateTaskAtVersion,
  type TaskWithNames,
} from './task.repository.ts';
import { countTasksByHealth } from './task.list.counts.repository.ts';
import { listTaskSummaries, type TaskFilter } from './task.list.repository.ts';
import type { TaskCreateInput, TaskListQuery, TaskUpdateInput } from './task.schemas.ts';
import { recordTaskEvent } from './task.timeline.ts';
import { lastDayOfMonth, shanghaiDate } from './rules/dates.ts';
import { afterTaskChange } from './task.effects.ts';
import { announceAssigned } from './task.notify.ts';
import { getTaskDetail } from './task.detail.ts';

export async function createTask(s: Services, ctx: RequestContext, input: TaskCreateInput) {
  const id = await s.db.kysely.transaction().execute((trx) => insertNewTask(trx, s, ctx, input));
  return getTaskDetail(s, ctx, id);
}

/** Stores a new task after its checks; also used by the Excel import and the demo, in their transaction. */
export async function insertNewTask(
  trx: Transaction<Database>,
  s: Services,
  ctx: RequestContext,
  input: TaskCreateInput,
  // manager: the managing region when the caller decided it (the command-line import, run by the system,
  // uses the plan's region); otherwise it follows from the parent or the creator.
  extra: { importId?: number; manager?: { code: string; path: string } } = {},
): Promise<number> {
  const parent = input.parentId ? await parentFor(trx, ctx, input.parentId) : null;
  // A child task is managed by the region its parent was assigned to; a top-level one by its creator's.
  const manager = parent
    ? { code: parent.region_code, path: parent.region_path }
    : (extra.manager ?? managerRegionOf(ctx.actor));
  const lead = await checkTaskRefs(trx, input, manager.path);
  const planRefs = await planRefsFor(trx, input.planItemId, parent);
  if (input.source === 'plan' && planRefs.plan_item_id === null)
    refuseField('planItemId', '来源为“工作要点”的任务须选择工作要点条目');
  const region = (await findRegionRef(trx, lead.region_code))!;
  const now = toTimestamp(s.clock.now());
  const status: TaskStatus = input.assign ? 'assigned' : 'draft';
  const id = await insertTask(trx, {
    year: planRefs.year ?? Number(input.startDate.slice(0, 4)),
    region_code: lead.region_code,
    region_path: region.path,
    manager_region_code: manager.code,
    manager_region_path: manager.path,
    plan_id: planRefs.plan_id,
    plan_item_id: planRefs.plan_item_id,
    plan_section_id: planRefs.plan_section_id,
    parent_id: parent?.id ?? null,
    depth: parent ? parent.depth + 1 : 0,
    source: input.source,
    title: input.title,
    description: input.description,
    lead_unit_id: lead.id,
    responsible_user_id: input.responsibleUserId,
    start_date: input.startDate,
    due_date: input.dueDate,
    weight: input.weight,
    cycle: input.cycle,
    report_day: input.reportDay,
    status,
    assigned_at: input.assign ? now : null,
    health_changed_at: null,
    completion_summary: null,
    end_reason: null,
    ended_at: null,
    import_id: extra.importId ?? null,
    created_by: ctx.actor?.userId ?? null,
    created_at: now,
    updated_at: now,
  });
  await replaceCooperators(trx, id, [...new Set(input.cooperatingUnitIds)]);
  await saveMilestones(trx, id, input.milestones.map(milestoneValues));
  await saveIndicators(trx, id, input.indicators.map(indicatorValues));
  if (parent) await adjustChildCount(trx, parent.id, 1);
  await recordTaskEvent(trx, s, ctx, id, 'created', { title: input.title, leadUnit: lead.name });
  await s.audit.record(trx, ctx, {
    action: 'task.create',
    objectType: 'task',
    objectId: id,
    after: { title: input.title, leadUnitId: lead.id, parentId: parent?.id ?? null, status },
  });
  if (input.assign) {
    await recordTaskEvent(trx, s, ctx, id, 'assigned', { leadUnit: lead.name });
    await s.audit.record(trx, ctx, { action: 'task.assign', objectType: 'task', objectId: id });
  }
  await afterTaskChange(trx, s, ctx, id, input.assign ? 'assigned' : 'created');
  if (input.assign) await announceAssigned(trx, s, ctx, (await findTaskById(trx, id))!);
  return id;
}

/** The parent of a child task: visible, open, and decomposed by the people who act for its lead unit. */
async function parentFor(trx: Transaction<Database>, ctx: RequestContext, parentId: number) {
  const parent = await findTaskById(trx, parentId);
  if (!parent || !canSeeTask(ctx.actor, parent, [])) refuseField('parentId', '上级任务不存在');
  if (!actsForLeadUnit(ctx.actor, parent) || !ctx.actor?.permissions.has('work.manage'))
    refuseField('parentId', '只有上级任务牵头地区的统战部工作人员可以分解该任务');
  if (!['assigned', 'accepted'].includes(parent.status))
    refuseField('parentId', '上级任务已办结、已撤销或尚未交办，不能再分解');
  return parent;
}

async function planRefsFor(
  trx: Transaction<Database>,
  planItemId: number | null,
  parent: TaskWithNames | null,
) {
  if (planItemId === null)
    return {
      plan_id: parent?.plan_id ?? null,
      plan_item_id: parent?.plan_item_id ?? null,
      plan_section_id: parent?.plan_section_id ?? null,
      year: parent?.year ?? null,
    };
  const item = await findPlanItemRef(trx, planItemId);
  if (!item || item.plan_status !== 'published')
    refuseField('planItemId', '工作要点条目不存在或所属工作要点未发布');
  return {
    plan_id: item.plan_id,
    plan_item_id: item.id,
    plan_section_id: await findSectionOf(trx, item.id),
    year: item.plan_year,
  };
}

const milestoneValues = (m: TaskCreateInput['milestones'][number]) => ({
  id: m.id,
  title: m.title,
  due_date: m.dueDate,
  done_date: m.doneDate ?? null,
  evidence: m.evidence ?? '',
});
const indicatorValues = (i: TaskCreateInput['indicators'][number]) => ({
  id: i.id,
  name: i.name,
  measure_unit: i.measureUnit,
  baseline: i.baseline,
  target: i.target,
  actual: i.actual ?? null,
  higher_is_better: i.higherIsBetter ? 1 : 0,
});

// A list page is kept in the read cache while nothing at all is written (docs/decisions/task-list-read-cache.md):
// its key is the whole filter (the reader's visibility, and 待报送's month end, which is all the page takes
// from the clock) and the paging.
export async function listVisibleTasks(s: Services, ctx: RequestContext, q: TaskListQuery) {
  const filter = await taskFilterOf(s, ctx, q);
  const key = JSON.stringify([filter, q.sort, q.cursor ?? null, q.limit]);
  return readCache<Readonly<TaskListPage>>(s.db, 'task list pages', 500).get(key, async () =>
    immutable(await taskListPage(s, filter, q)),
  );
}

type TaskListPage = Awaited<ReturnType<typeof taskListPage>>;

async function taskListPage(s: Services, filter: TaskFilter, q: TaskListQuery) {
  const after = decodeTaskCursor(q.cursor);
  const [rows, counts] = await Promise.all([
    listTaskSummaries(s.db, filter, { sort: q.sort, after, limit: q.limit + 1 }),
    countTasksByHealth(s.db, filter),
  ]);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(taskToSummary),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor(q.sort === 'due' ? `${last.due_date}:${last.id}` : String(last.id))
        : null,
    counts: { ...counts, total: counts.green + counts.yellow + counts.red + counts.none },
  };
}

/** The list's filter for a query, within the reader's scope (the 工作台's figures count with it too). */
export async function taskFilterOf(
  s: Services,
  ctx: RequestContext,
  q: Omit<TaskListQuery, 'sort' | 'limit' | 'cursor'>,
): Promise<TaskFilter> {
  const filter: TaskFilter = {
    visibility: visibilityOf(ctx.actor),
    year: q.year,
    planId: q.planId,
    sectionId: q.sectionId,
    planItemId: q.planItemId,
    leadUnitId: q.leadUnitId,
    cooperatingUnitId: q.cooperatingUnitId,
    parentId: q.parentId,
    status: q.status,
    health: q.health,
    source: q.source,
    dueFrom: q.dueFrom,
    dueTo: q.dueTo,
    q: q.q,
    undecomposed: q.undecomposed === undefined ? undefined : q.undecomposed === 'true',
    report: q.report ? reportFilterOf(s, q.report) : undefined,
    adjustmentPending: q.adjustment === 'pending' || undefined,
  };
  if (q.regionCode) {
    const region = await findRegionRef(s.db.kysely, q.regionCode);
    if (!region) throw appError('REGION_NOT_FOUND');
    filter.regionPath = region.path;
    filter.regionOnly = q.regionOnly === 'true';
  }
  return filter;
}

/** 待报送 is what a unit owes by the end of this month (Asia/Shanghai), overdue ones included. */
function reportFilterOf(s: Services, report: NonNullable<TaskListQuery['report']>): TaskFilter['report'] {
  if (report === 'returned') return { status: ['returned'] };
  if (report === 'submitted') return { status: ['submitted'] };
  const today = shanghaiDate(s.clock.now());
  return {
    status: ['due', 'draft'],
    dueTo: lastDayOfMonth(Number(today.slice(0, 4)), Number(today.slice(5, 7))),
  };
}

function decodeTaskCursor(cursor: string | undefined): { id: number; due?: string } | undefined {
  const key = decodeCursor<string>(cursor, 'string');
  if (key === undefined) return undefined;
  const m = /^(?:(\d{4}-\d{2}-\d{2}):)?(\d+)$/.exec(key);
  if (!m || !isRowId(Number(m[2]))) throw appError('VALIDATION_FAILED', '分页游标无效');
  return m[1] ? { due: m[1], id: Number(m[2]) } : { id: Number(m[2]) };
}

/** Edits a task's fields: its managers, while it is not finished. */
export async function updateTask(
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  version: number,
  input: TaskUpdateInput,
) {
  if (!canManageTask(ctx.actor, task))
    throw appError('FORBIDDEN', '只有任务的交办地区统战部工作人员可以修改任务');
  if (['completed', 'cancelled'].includes(task.status))
    throw appError('TASK_STATE', '已办结或已撤销的任务不能修改');
  await s.db.kysely.transaction().execute(async (trx) => {
    const current = (await findTaskById(trx, task.id))!;
    const cooperators = input.cooperatingUnitIds ?? (await listCooperators(trx, task.id)).map((u) => u.id);
    const merged = {
      leadUnitId: input.leadUnitId ?? current.lead_unit_id,
      cooperatingUnitIds: cooperators,
      responsibleUserId:
        input.responsibleUserId === undefined ? current.responsible_user_id : input.responsibleUserId,
      startDate: input.startDate ?? current.start_date,
      dueDate: input.dueDate ?? current.due_date,
      milestones: input.milestones ?? [],
    };
    const lead = await checkTaskRefs(trx, merged, current.manager_region_path);
    const region = (await findRegionRef(trx, lead.region_code))!;
    const ok = await updateTaskAtVersion(trx, task.id, version, {
      title: input.title ?? current.title,
      description: input.description ?? current.description,
      source: input.source ?? current.source,
      lead_unit_id: lead.id,
      region_code: lead.region_code,
      region_path: region.path,
      responsible_user_id: merged.responsibleUserId,
      start_date: merged.startDate,
      due_date: merged.dueDate,
      weight: input.weight ?? current.weight,
      cycle: input.cycle ?? current.cycle,
      report_day: input.reportDay ?? current.report_day,
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    if (input.cooperatingUnitIds)
      await replaceCooperators(trx, task.id, [...new Set(input.cooperatingUnitIds)]);
    if (input.milestones) await saveMilestones(trx, task.id, input.milestones.map(milestoneValues));
    if (input.indicators) await saveIndicators(trx, task.id, input.indicators.map(indicatorValues));
    const changed = Object.keys(input);
    await recordTaskEvent(trx, s, ctx, task.id, 'edited', { fields: changed });
    await s.audit.record(trx, ctx, {
      action: 'task.update',
      objectType: 'task',
      objectId: task.id,
      before: { title: current.title, leadUnitId: current.lead_unit_id, dueDate: current.due_date },
      after: input,
    });
    await afterTaskChange(trx, s, ctx, task.id, 'edited');
  });
  return getTaskDetail(s, ctx, task.id);
}
