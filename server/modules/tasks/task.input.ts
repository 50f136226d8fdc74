// Checks of a task's references and dates before it is saved, each failure answered on its own field in
// Chinese (details.problems, as the schema's own problems are), so the form shows it where it belongs.
import type { Actor } from '../../core/access/actor.ts';
import { isInSubtree } from '../../core/access/scope.ts';
import { appError } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import type { Kysely, Transaction } from 'kysely';
import { findUnitRefs, findUserRef, type UnitRef } from './task.refs.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function refuseField(field: string, message: string): never {
  throw appError('TASK_INVALID', message, {
    problems: [{ in: 'body', path: field, code: 'task_rule', message }],
  });
}

export interface TaskRefsInput {
  leadUnitId: number;
  cooperatingUnitIds: number[];
  responsibleUserId: number | null;
  startDate: string;
  dueDate: string;
  milestones: { dueDate: string; title: string }[];
}

/**
 * The lead and cooperating units exist, are active, and lie in `regionPath`'s subtree (where the
 * manager may assign work); the responsible person belongs to the lead unit; dates are in order.
 */
export async function checkTaskRefs(db: Q, input: TaskRefsInput, regionPath: string): Promise<UnitRef> {
  if (input.dueDate < input.startDate) refuseField('dueDate', '完成时限不能早于开始时间');
  for (const [i, m] of input.milestones.entries()) {
    if (m.dueDate < input.startDate || m.dueDate > input.dueDate)
      refuseField(`milestones/${i}/dueDate`, `里程碑“${m.title}”的日期应在任务的开始时间和完成时限之间`);
  }
  const coop = [...new Set(input.cooperatingUnitIds)];
  if (coop.includes(input.leadUnitId)) refuseField('cooperatingUnitIds', '牵头单位不必再列为配合单位');
  const units = await findUnitRefs(db, [input.leadUnitId, ...coop]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const lead = byId.get(input.leadUnitId);
  if (!lead || lead.status !== 'active' || !isInSubtree(lead.region_path, regionPath))
    refuseField('leadUnitId', '牵头单位不存在、已停用或不在本级及下级地区');
  for (const id of coop) {
    const u = byId.get(id);
    if (!u || u.status !== 'active')
      refuseField('cooperatingUnitIds', `配合单位（编号 ${id}）不存在或已停用`);
  }
  if (input.responsibleUserId !== null) {
    const user = await findUserRef(db, input.responsibleUserId);
    if (!user || user.status !== 'active' || user.unit_id !== lead.id)
      refuseField('responsibleUserId', '责任人应为牵头单位的在用账户');
  }
  return lead;
}

/** The region whose staff manage a new top-level task: the creator's own region. */
export function managerRegionOf(actor: Actor | null): { code: string; path: string } {
  if (!actor?.regionCode || !actor.regionPath)
    throw appError('FORBIDDEN', '只有所属地区明确的统战部工作人员可以分解任务');
  return { code: actor.regionCode, path: actor.regionPath };
}
