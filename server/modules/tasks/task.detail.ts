// A task's page: the task, what it refers to, its milestones, indicators and adjustment requests, and
// what the reader may do with it now.
import type { RequestContext } from '../../core/access/actor.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { actsForLeadUnit, canManageTask } from './task.policy.ts';
import { taskToSummary } from './task.present.ts';
import { findPlanItemRef, findPlanRef, findRegionRef, findUserRef } from './task.refs.repository.ts';
import {
  findTaskById,
  listCooperators,
  listIndicators,
  listMilestones,
  type TaskWithNames,
} from './task.repository.ts';
import { listAdjustments } from './task.history.repository.ts';
import { adjustmentProposalSchema } from './task.lifecycle.ts';

export async function getTaskDetail(s: Services, ctx: RequestContext, id: number) {
  const db = s.db.kysely;
  const t = await findTaskById(db, id);
  if (!t) throw appError('TASK_NOT_FOUND');
  const [cooperators, milestones, indicators, adjustments, responsible, plan, item, parent] =
    await Promise.all([
      listCooperators(db, id),
      listMilestones(db, id),
      listIndicators(db, id),
      listAdjustments(db, id),
      t.responsible_user_id ? findUserRef(db, t.responsible_user_id) : undefined,
      t.plan_id ? findPlanRef(db, t.plan_id) : undefined,
      t.plan_item_id ? findPlanItemRef(db, t.plan_item_id) : undefined,
      t.parent_id ? findTaskById(db, t.parent_id) : undefined,
    ]);
  const parentRegion = parent ? await findRegionRef(db, parent.region_code) : undefined;
  const pending = adjustments.some((a) => a.status === 'pending');
  return {
    ...taskToSummary(t),
    description: t.description,
    managerRegionCode: t.manager_region_code,
    cooperatingUnits: cooperators.map((u) => ({ id: u.id, name: u.name, regionCode: u.region_code })),
    responsibleUser: responsible ? { id: responsible.id, name: responsible.display_name } : null,
    weight: t.weight,
    reportDay: t.report_day,
    plan: plan ? { id: plan.id, title: plan.title, year: plan.year } : null,
    planItem: item ? { id: item.id, number: item.number, heading: item.heading } : null,
    parent: parent ? { id: parent.id, title: parent.title, regionName: parentRegion?.name ?? '' } : null,
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: m.due_date,
      doneDate: m.done_date,
      evidence: m.evidence,
    })),
    indicators: indicators.map((i) => ({
      id: i.id,
      name: i.name,
      measureUnit: i.measure_unit,
      baseline: i.baseline,
      target: i.target,
      actual: i.actual,
      higherIsBetter: i.higher_is_better === 1,
    })),
    adjustments: adjustments.map((a) => ({
      id: a.id,
      kind: a.kind,
      reason: a.reason,
      proposal: adjustmentProposalSchema.catch({}).parse(safeJson(a.proposal)),
      status: a.status,
      requestedBy: a.requested_by_name,
      requestedAt: a.requested_at,
      decidedBy: a.decided_by_name,
      decidedAt: a.decided_at,
      decisionComment: a.decision_comment,
    })),
    completionSummary: t.completion_summary,
    endReason: t.end_reason,
    healthChangedAt: t.health_changed_at,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    actions: actionsOf(ctx, t, pending),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function actionsOf(ctx: RequestContext, t: TaskWithNames, adjustmentPending: boolean) {
  const manage = canManageTask(ctx.actor, t);
  const lead = actsForLeadUnit(ctx.actor, t);
  const open = ['assigned', 'accepted', 'completion_requested'].includes(t.status);
  return {
    edit: manage && !['completed', 'cancelled'].includes(t.status),
    assign: manage && t.status === 'draft',
    sign: lead && t.status === 'assigned',
    requestAdjustment: lead && ['assigned', 'accepted'].includes(t.status) && !adjustmentPending,
    decideAdjustment: manage && adjustmentPending,
    requestCompletion: lead && t.status === 'accepted',
    decideCompletion: manage && t.status === 'completion_requested',
    cancel: manage && (open || t.status === 'draft'),
    decompose:
      lead && !!ctx.actor?.permissions.has('work.manage') && ['assigned', 'accepted'].includes(t.status),
  };
}
