// What other modules that hang records on tasks (leaders' instructions, the watch-list) need from the task
// module, as services: a task or report as a target (its title, page, responsible unit, managing region),
// summaries of the tasks a reader still sees, and the latest events of some tasks for a change feed.
import type { Actor } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import type { ProgressReportRow } from '../../db/schema.ts';
import { periodLabel } from './rules/periods.ts';
import { TASK_STATUS_LABELS } from './task.schemas.ts';
import { canSeeTask } from './task.policy.ts';
import { findTaskById, NAMES, type TaskWithNames } from './task.repository.ts';
import { TASK_EVENT_LABELS, type TaskEventKind } from './task.timeline.ts';

/** A task (or a record on a task) as the object of an instruction: who answers for it, who manages it. */
export interface TaskTargetFacts {
  taskId: number;
  title: string;
  link: string;
  regionPath: string;
  regionCode: string;
  managerRegionPath: string;
  managerRegionCode: string;
  leadUnitId: number;
  leadUnitName: string;
  leadUnitKind: string;
  // The task's own row, for the task module's policy (actsForLeadUnit, canManageTask).
  task: TaskWithNames;
}

export function taskTargetFacts(task: TaskWithNames, title = task.title, link = `/tasks/${task.id}`) {
  return {
    taskId: task.id,
    title,
    link,
    regionPath: task.region_path,
    regionCode: task.region_code,
    managerRegionPath: task.manager_region_path,
    managerRegionCode: task.manager_region_code,
    leadUnitId: task.lead_unit_id,
    leadUnitName: task.lead_unit_name,
    leadUnitKind: task.lead_unit_kind,
    task,
  } satisfies TaskTargetFacts;
}

export async function reportTargetFacts(
  s: Services,
  report: ProgressReportRow,
): Promise<TaskTargetFacts | undefined> {
  const task = await findTaskById(s.db.kysely, report.task_id);
  if (!task) return undefined;
  return taskTargetFacts(
    task,
    `《${task.title}》${periodLabel(report.period_key)}进度报告`,
    `/tasks/${task.id}?report=${encodeURIComponent(report.period_key)}`,
  );
}

export interface WatchedTaskSummary {
  id: number;
  title: string;
  statusLabel: string;
  health: string;
  progress: number;
  dueDate: string;
  leadUnitName: string;
  regionName: string;
}

/** Of these task rows, those the reader may see (taskResource's rule); a handler's cooperations in one query. */
async function keepInScope<T extends { id: number } & Parameters<typeof canSeeTask>[1]>(
  s: Services,
  actor: Actor,
  rows: readonly T[],
): Promise<T[]> {
  const cooperating =
    actor.scope.kind === 'unit' && rows.length
      ? new Set(
          (
            await s.db.kysely
              .selectFrom('task_cooperators')
              .select('task_id')
              .where('unit_id', '=', actor.scope.unitId)
              .where(
                'task_id',
                'in',
                rows.map((t) => t.id),
              )
              .execute()
          ).map((r) => r.task_id),
        )
      : new Set<number>();
  return rows.filter((t) =>
    canSeeTask(actor, t, actor.scope.kind === 'unit' && cooperating.has(t.id) ? [actor.scope.unitId] : []),
  );
}

/**
 * Of these tasks, the rows the reader may see today (taskResource's rule), in one query — and one more for
 * a handler's cooperations — however many ids: lists of records on tasks check them all at once.
 */
export async function tasksInScope(
  s: Services,
  actor: Actor | null,
  ids: readonly number[],
): Promise<Map<number, TaskWithNames>> {
  if (!ids.length || !actor) return new Map();
  const rows = await s.db.kysely
    .selectFrom('tasks')
    .innerJoin('units as u', 'u.id', 'tasks.lead_unit_id')
    .innerJoin('regions as r', 'r.code', 'tasks.region_code')
    .selectAll('tasks')
    .select(NAMES)
    .where('tasks.id', 'in', [...new Set(ids)])
    .execute();
  return new Map((await keepInScope(s, actor, rows)).map((t) => [t.id, t]));
}

/** Of these tasks, those the reader may see today, summarised (a task moved out of scope drops out). */
export async function visibleTaskSummaries(
  s: Services,
  actor: Actor | null,
  ids: readonly number[],
): Promise<Map<number, WatchedTaskSummary>> {
  const out = new Map<number, WatchedTaskSummary>();
  if (!ids.length || !actor) return out;
  // Only the columns shown and those the scope rule reads: a task row is wide, and a watch-list is 500.
  const rows = await s.db.kysely
    .selectFrom('tasks')
    .innerJoin('units as u', 'u.id', 'tasks.lead_unit_id')
    .innerJoin('regions as r', 'r.code', 'tasks.region_code')
    .select([
      'tasks.id',
      'tasks.title',
      'tasks.status',
      'tasks.health',
      'tasks.progress',
      'tasks.due_date',
      'tasks.region_path',
      'tasks.manager_region_path',
      'tasks.lead_unit_id',
      'r.name as region_name',
      'u.name as lead_unit_name',
      'u.kind as lead_unit_kind',
    ])
    .where('tasks.id', 'in', [...new Set(ids)])
    .execute();
  for (const t of await keepInScope(s, actor, rows))
    out.set(t.id, {
      id: t.id,
      title: t.title,
      statusLabel: TASK_STATUS_LABELS[t.status],
      health: t.health,
      progress: t.progress,
      dueDate: t.due_date,
      leadUnitName: t.lead_unit_name,
      regionName: t.region_name,
    });
  return out;
}

/** Where a page of a feed starts: events strictly after this one in (at desc, id desc) order. */
export interface FeedBefore {
  at: string;
  // Events at exactly `at` are included when their id is below this; all of them when 'all', none when 'none'.
  sameAt: number | 'all' | 'none';
}

export interface TaskFeedEvent {
  id: number;
  at: string;
  taskId: number;
  taskTitle: string;
  actorName: string | null;
  kind: string;
  label: string;
}

/** The latest events of these tasks, newest first (the caller has checked the reader sees them). */
export async function taskEventsFeed(
  s: Services,
  taskIds: readonly number[],
  before: FeedBefore | undefined,
  limit: number,
): Promise<TaskFeedEvent[]> {
  if (!taskIds.length) return [];
  // The page's ids first, from task_events_task_at alone (task, time, id): no event row is read but the
  // page's, and the task titles are joined to those only.
  let page = s.db.kysely
    .selectFrom('task_events as e')
    .select('e.id')
    .where('e.task_id', 'in', [...taskIds]);
  if (before) {
    const { at, sameAt } = before;
    page = page.where((eb) =>
      sameAt === 'none'
        ? eb('e.at', '<', at)
        : sameAt === 'all'
          ? eb('e.at', '<=', at)
          : eb.or([eb('e.at', '<', at), eb.and([eb('e.at', '=', at), eb('e.id', '<', sameAt)])]),
    );
  }
  const rows = await s.db.kysely
    .selectFrom('task_events as e')
    .innerJoin('tasks', 'tasks.id', 'e.task_id')
    .select(['e.id', 'e.at', 'e.task_id', 'tasks.title', 'e.actor_name', 'e.kind'])
    .where('e.id', 'in', page.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(limit))
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
  return rows.map((e) => ({
    id: Number(e.id),
    at: e.at,
    taskId: e.task_id,
    taskTitle: e.title,
    actorName: e.actor_name,
    kind: e.kind,
    label: TASK_EVENT_LABELS[e.kind as TaskEventKind] ?? e.kind,
  }));
}
