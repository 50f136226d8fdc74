// A task's life: draft → assigned (待签收) → accepted (办理中) → completion requested (申请办结) →
// completed (办结/销号), or back to accepted with a comment; cancelled (撤销) with a reason at any point.
// Between assigned and completed the lead unit may ask for an adjustment, which its managers decide.
// Every step checks who acts, the state and the version, writes the timeline, the audit event and the
// consequences in one transaction.
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { RequestContext } from '../../core/access/actor.ts';
import type { AuditAction } from '../../core/audit/audit.catalogue.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { Database, TaskStatus } from '../../db/schema.ts';
import { afterTaskChange, type TaskChange } from './task.effects.ts';
import { getTaskDetail } from './task.detail.ts';
import { checkTaskRefs, refuseField } from './task.input.ts';
import { actsForLeadUnit, canManageTask } from './task.policy.ts';
import { findRegionRef } from './task.refs.repository.ts';
import { findTaskById, listCooperators, updateTaskAtVersion, type TaskWithNames } from './task.repository.ts';
import {
  decideAdjustment as markDecided,
  findAdjustment,
  insertAdjustment,
  listAdjustments,
} from './task.history.repository.ts';
import { recordTaskEvent, type TaskEventKind } from './task.timeline.ts';
import { taskCompleted } from './task.listeners.ts';
import { announceAdjustmentDecided, announceAssigned, announceCompletion } from './task.notify.ts';

type Who = 'manager' | 'lead';

interface Step {
  who: Who;
  from: TaskStatus[];
  to: TaskStatus;
  event: TaskEventKind;
  action: AuditAction;
  change: TaskChange;
}

const STEPS = {
  assign: {
    who: 'manager',
    from: ['draft'],
    to: 'assigned',
    event: 'assigned',
    action: 'task.assign',
    change: 'assigned',
  },
  sign: {
    who: 'lead',
    from: ['assigned'],
    to: 'accepted',
    event: 'signed',
    action: 'task.sign',
    change: 'signed',
  },
  requestCompletion: {
    who: 'lead',
    from: ['accepted'],
    to: 'completion_requested',
    event: 'completion_requested',
    action: 'task.complete.request',
    change: 'edited',
  },
  confirmCompletion: {
    who: 'manager',
    from: ['completion_requested'],
    to: 'completed',
    event: 'completed',
    action: 'task.complete',
    change: 'completed',
  },
  returnCompletion: {
    who: 'manager',
    from: ['completion_requested'],
    to: 'accepted',
    event: 'completion_returned',
    action: 'task.complete.return',
    change: 'reopened',
  },
  cancel: {
    who: 'manager',
    from: ['draft', 'assigned', 'accepted', 'completion_requested'],
    to: 'cancelled',
    event: 'cancelled',
    action: 'task.cancel',
    change: 'cancelled',
  },
} as const satisfies Record<string, Step>;

export type StepName = keyof typeof STEPS;

function mayAct(ctx: RequestContext, task: TaskWithNames, who: Who): boolean {
  return who === 'manager' ? canManageTask(ctx.actor, task) : actsForLeadUnit(ctx.actor, task);
}

const WHO_MESSAGE: Record<Who, string> = {
  manager: '只有交办该任务的地区统战部工作人员可以进行此操作',
  lead: '只有牵头单位可以进行此操作',
};

/** Moves the task one step, with the step's extra fields, and returns its page. */
export async function moveTask(
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  version: number,
  name: StepName,
  extra: { summary?: string; reason?: string; comment?: string } = {},
) {
  const step: Step = STEPS[name];
  if (!mayAct(ctx, task, step.who)) throw appError('FORBIDDEN', WHO_MESSAGE[step.who]);
  await s.db.kysely.transaction().execute(async (trx) => {
    const current = (await findTaskById(trx, task.id))!;
    if (!step.from.includes(current.status)) throw appError('TASK_STATE');
    const now = toTimestamp(s.clock.now());
    const ok = await updateTaskAtVersion(trx, task.id, version, {
      status: step.to,
      updated_at: now,
      ...(name === 'assign' ? { assigned_at: now } : {}),
      ...(name === 'requestCompletion' ? { completion_summary: extra.summary ?? '' } : {}),
      ...(name === 'confirmCompletion' ? { ended_at: now, progress: 100 } : {}),
      ...(name === 'cancel' ? { ended_at: now, end_reason: extra.reason ?? '' } : {}),
      ...(name === 'returnCompletion' ? { end_reason: extra.comment ?? '' } : {}),
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    const detail = { from: current.status, to: step.to, ...extra };
    await recordTaskEvent(trx, s, ctx, task.id, step.event, detail);
    await s.audit.record(trx, ctx, {
      action: step.action,
      objectType: 'task',
      objectId: task.id,
      note: detail,
    });
    await afterTaskChange(trx, s, ctx, task.id, step.change);
    const moved = (await findTaskById(trx, task.id))!;
    if (name === 'assign') await announceAssigned(trx, s, ctx, moved);
    if (name === 'confirmCompletion') {
      await announceCompletion(trx, s, ctx, moved, { confirmed: true });
      await taskCompleted(trx, s, ctx, moved);
    }
    if (name === 'returnCompletion')
      await announceCompletion(trx, s, ctx, moved, { confirmed: false, comment: extra.comment });
  });
  return getTaskDetail(s, ctx, task.id);
}

export const adjustmentProposalSchema = z.object({
  dueDate: z.string().optional(),
  leadUnitId: z.number().optional(),
  scope: z.string().optional(),
});

export interface AdjustmentRequest {
  kind: 'deadline' | 'lead' | 'scope';
  reason: string;
  dueDate?: string | undefined;
  leadUnitId?: number | undefined;
  scope?: string | undefined;
}

/** The lead unit asks to change the deadline, the lead unit or the task's content, with a reason. */
export async function requestAdjustment(
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  req: AdjustmentRequest,
) {
  if (!actsForLeadUnit(ctx.actor, task)) throw appError('FORBIDDEN', WHO_MESSAGE.lead);
  if (!['assigned', 'accepted'].includes(task.status)) throw appError('TASK_STATE');
  const proposal =
    req.kind === 'deadline'
      ? { dueDate: req.dueDate ?? refuseField('dueDate', '请填写申请的完成时限') }
      : req.kind === 'lead'
        ? { leadUnitId: req.leadUnitId ?? refuseField('leadUnitId', '请选择建议的牵头单位') }
        : { scope: req.scope || refuseField('scope', '请填写建议的任务内容') };
  if (proposal.dueDate && proposal.dueDate < task.start_date)
    refuseField('dueDate', '完成时限不能早于开始时间');
  await s.db.kysely.transaction().execute(async (trx) => {
    const open = (await listAdjustments(trx, task.id)).some((a) => a.status === 'pending');
    if (open) throw appError('TASK_ADJUSTMENT_PENDING');
    const id = await insertAdjustment(trx, {
      task_id: task.id,
      kind: req.kind,
      reason: req.reason,
      proposal: JSON.stringify(proposal),
      requested_by: ctx.actor!.userId,
      requested_at: toTimestamp(s.clock.now()),
      decided_by: null,
      decided_at: null,
      decision_comment: null,
    });
    await recordTaskEvent(trx, s, ctx, task.id, 'adjustment_requested', {
      kind: req.kind,
      reason: req.reason,
      ...proposal,
    });
    await s.audit.record(trx, ctx, {
      action: 'task.adjust.request',
      objectType: 'task',
      objectId: task.id,
      note: { adjustmentId: id, kind: req.kind, ...proposal },
    });
  });
  return getTaskDetail(s, ctx, task.id);
}

/** Its managers approve (the change is applied) or refuse an adjustment request. */
export async function decideAdjustment(
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  adjustmentId: number,
  decision: { approve: boolean; comment: string },
) {
  if (!canManageTask(ctx.actor, task)) throw appError('FORBIDDEN', WHO_MESSAGE.manager);
  await s.db.kysely.transaction().execute(async (trx) => {
    const adj = await findAdjustment(trx, task.id, adjustmentId);
    if (!adj) throw appError('TASK_ADJUSTMENT_NOT_FOUND');
    const now = toTimestamp(s.clock.now());
    const decided = await markDecided(trx, adj.id, {
      status: decision.approve ? 'approved' : 'refused',
      decided_by: ctx.actor!.userId,
      decided_at: now,
      decision_comment: decision.comment,
    });
    if (!decided) throw appError('TASK_STATE', '该调整申请已处理');
    const proposal = adjustmentProposalSchema.parse(JSON.parse(adj.proposal));
    if (decision.approve) await applyAdjustment(trx, s, task.id, proposal);
    const decidedTask = (await findTaskById(trx, task.id))!;
    await announceAdjustmentDecided(trx, s, ctx, decidedTask, {
      requestedBy: adj.requested_by,
      approve: decision.approve,
      comment: decision.comment,
    });
    // A new lead unit has the task to sign for afresh.
    if (decision.approve && proposal.leadUnitId) await announceAssigned(trx, s, ctx, decidedTask);
    await recordTaskEvent(
      trx,
      s,
      ctx,
      task.id,
      decision.approve ? 'adjustment_approved' : 'adjustment_refused',
      {
        kind: adj.kind,
        comment: decision.comment,
        ...proposal,
      },
    );
    await s.audit.record(trx, ctx, {
      action: decision.approve ? 'task.adjust.approve' : 'task.adjust.refuse',
      objectType: 'task',
      objectId: task.id,
      note: { adjustmentId: adj.id, comment: decision.comment, ...proposal },
    });
    await afterTaskChange(trx, s, ctx, task.id, 'edited');
  });
  return getTaskDetail(s, ctx, task.id);
}

async function applyAdjustment(
  trx: Transaction<Database>,
  s: Services,
  taskId: number,
  proposal: z.infer<typeof adjustmentProposalSchema>,
): Promise<void> {
  const current = (await findTaskById(trx, taskId))!;
  const patch: Parameters<typeof updateTaskAtVersion>[3] = { updated_at: toTimestamp(s.clock.now()) };
  if (proposal.dueDate) patch.due_date = proposal.dueDate;
  if (proposal.scope) patch.description = proposal.scope;
  if (proposal.leadUnitId) {
    const refs: Parameters<typeof checkTaskRefs>[1] = {
      leadUnitId: proposal.leadUnitId,
      cooperatingUnitIds: (await listCooperators(trx, taskId))
        .map((u) => u.id)
        .filter((id) => id !== proposal.leadUnitId),
      responsibleUserId: null,
      startDate: current.start_date,
      dueDate: current.due_date,
      milestones: [],
    };
    const lead = await checkTaskRefs(trx, refs, current.manager_region_path);
    const region = (await findRegionRef(trx, lead.region_code))!;
    Object.assign(patch, {
      lead_unit_id: lead.id,
      region_code: lead.region_code,
      region_path: region.path,
      responsible_user_id: null,
      // A new lead unit signs for the task afresh.
      status: current.status === 'accepted' ? 'assigned' : current.status,
    });
  }
  if (!(await updateTaskAtVersion(trx, taskId, current.version, patch))) throw appError('VERSION_CONFLICT');
}
