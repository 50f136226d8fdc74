// Who may see a task, who manages it and who acts for its lead unit.
//
// See: leaders and staff, the tasks whose lead unit lies in their region's subtree (a city sees its own
// tasks and everything below, never a sibling city's); handlers, the tasks their unit leads or cooperates
// on. Manage (assign, edit, review, cancel): staff whose region subtree holds the task's managing region.
// Act for the lead unit (sign, report, ask for an adjustment or completion): the lead unit's own people,
// and, when the lead unit is a region's 统战部, that region's staff, who also decompose the task.
import type { Actor } from '../../core/access/actor.ts';
import { scopedResource } from '../../core/access/guard.ts';
import { isInSubtree, regionInScope } from '../../core/access/scope.ts';
import type { Services } from '../../core/services.ts';
import { recordVisibilityOf } from '../../core/access/visibility.ts';
import type { TaskVisibility } from './task.list.repository.ts';
import { findTaskById, type TaskWithNames } from './task.repository.ts';

/** What tasks the reader sees (core/access/visibility.ts). */
export const visibilityOf: (actor: Actor | null) => TaskVisibility = recordVisibilityOf;

type TaskFacts = Pick<
  TaskWithNames,
  'region_path' | 'manager_region_path' | 'lead_unit_id' | 'lead_unit_kind'
>;

export function canSeeTask(
  actor: Actor | null,
  task: TaskFacts,
  cooperatingUnitIds: readonly number[],
): boolean {
  const v = visibilityOf(actor);
  switch (v.kind) {
    case 'all':
      return true;
    case 'region':
      return isInSubtree(task.region_path, v.path);
    case 'unit':
      return task.lead_unit_id === v.unitId || cooperatingUnitIds.includes(v.unitId);
    case 'none':
      return false;
  }
}

export function canManageTask(actor: Actor | null, task: Pick<TaskFacts, 'manager_region_path'>): boolean {
  return (
    !!actor && actor.permissions.has('work.manage') && regionInScope(actor.scope, task.manager_region_path)
  );
}

/** Acts for the lead unit: one of its people, or its region's staff when it is that region's 统战部. */
export function actsForLeadUnit(actor: Actor | null, task: TaskFacts): boolean {
  if (!actor) return false;
  if (actor.unitId === task.lead_unit_id && actor.permissions.has('work.handle')) return true;
  return (
    task.lead_unit_kind === 'department' &&
    actor.permissions.has('work.manage') &&
    actor.permissions.has('work.handle') &&
    actor.regionPath === task.region_path
  );
}

export function isCooperator(actor: Actor | null, cooperatingUnitIds: readonly number[]): boolean {
  return !!actor && actor.unitId !== null && cooperatingUnitIds.includes(actor.unitId);
}

/** A task as a scoped record: routes keyed by a task id name it (keyedBy(taskResource, 'id')). */
export const taskResource = scopedResource<TaskWithNames, number>({
  type: 'task',
  notFound: 'TASK_NOT_FOUND',
  find: (s: Services, id) => findTaskById(s.db.kysely, id),
  inScope: async (s, ctx, task) => {
    const v = visibilityOf(ctx.actor);
    if (v.kind !== 'unit') return canSeeTask(ctx.actor, task, []);
    if (task.lead_unit_id === v.unitId) return true;
    const row = await s.db.kysely
      .selectFrom('task_cooperators')
      .select('unit_id')
      .where('task_id', '=', task.id)
      .where('unit_id', '=', v.unitId)
      .executeTakeFirst();
    return row !== undefined;
  },
});
