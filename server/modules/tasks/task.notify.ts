// Who is told about a step of a task, in the step's transaction (core/notify): the lead unit's people
// when work reaches them or comes back, the requester when an adjustment is decided.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import type { Recipient } from '../../core/notify/recipients.ts';
import { regionStaff, toUser, unitHandlers } from '../../core/notify/recipients.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import type { TaskWithNames } from './task.repository.ts';

type Trx = Transaction<Database>;

/** The lead unit's people: its handlers, and its region's staff when it is that region's 统战部. */
function leadUnitPeople(task: TaskWithNames): Recipient[] {
  return task.lead_unit_kind === 'department'
    ? [unitHandlers(task.lead_unit_id), regionStaff(task.region_code)]
    : [unitHandlers(task.lead_unit_id)];
}

function notifyLead(
  trx: Trx,
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  n: { kind: 'task.assigned' | 'task.completed' | 'task.completion_returned'; title: string; body?: string },
) {
  return s.notify(trx, {
    recipients: leadUnitPeople(task),
    ...n,
    object: { type: 'task', id: task.id },
    except: ctx.actor ? [ctx.actor.userId] : [],
  });
}

export async function announceAssigned(trx: Trx, s: Services, ctx: RequestContext, task: TaskWithNames) {
  await notifyLead(trx, s, ctx, task, {
    kind: 'task.assigned',
    title: `《${task.title}》已交办给${task.lead_unit_name}，请签收`,
    body: `完成时限 ${task.due_date}`,
  });
}

export async function announceCompletion(
  trx: Trx,
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  outcome: { confirmed: boolean; comment?: string | undefined },
) {
  await notifyLead(
    trx,
    s,
    ctx,
    task,
    outcome.confirmed
      ? { kind: 'task.completed', title: `《${task.title}》已确认办结（销号）` }
      : {
          kind: 'task.completion_returned',
          title: `《${task.title}》的办结申请被退回`,
          body: outcome.comment ?? '',
        },
  );
}

export async function announceAdjustmentDecided(
  trx: Trx,
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  decision: { requestedBy: number; approve: boolean; comment: string },
) {
  await s.notify(trx, {
    recipients: [toUser(decision.requestedBy)],
    kind: 'adjustment.decided',
    title: `《${task.title}》的调整申请${decision.approve ? '已同意' : '未同意'}`,
    body: decision.comment,
    object: { type: 'task', id: task.id },
    except: ctx.actor ? [ctx.actor.userId] : [],
  });
}
