// The case's timeline: every transition and every record on the case (who, when, from, to, comment and
// what was given), written in the transaction of the change.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { actionLabel, CASE_ACTIONS, type CaseAction, type CaseState } from './engine/vocabulary.ts';
import { findCaseById, insertCaseEvent } from './case.repository.ts';

/** Timeline entries that are not engine actions: the draft's creation and edits, a task's completion. */
export const RECORD_LABELS = {
  create: '起草',
  update: '修改草稿',
  merged_in: '并入事项',
  task_completed: '转办任务完成',
  // The reminders job (modules/reminders) writes these on a case waiting for its answer.
  deadline_reminded: '到期提醒',
  deadline_escalated: '逾期督办',
} as const;
export type TimelineAction = CaseAction | keyof typeof RECORD_LABELS;

export function timelineLabel(type: string, action: string): string {
  if ((CASE_ACTIONS as readonly string[]).includes(action)) return actionLabel(type, action as CaseAction);
  return (RECORD_LABELS as Record<string, string>)[action] ?? action;
}

export async function recordCaseEvent(
  trx: Transaction<Database>,
  s: Services,
  ctx: RequestContext,
  caseId: number,
  e: { action: TimelineAction; from: CaseState; to: CaseState; comment?: string | null; payload?: object },
): Promise<void> {
  await insertCaseEvent(trx, {
    case_id: caseId,
    at: toTimestamp(s.clock.now()),
    actor_id: ctx.actor?.userId ?? null,
    actor_name: ctx.actor?.displayName ?? '系统',
    action: e.action,
    from_state: e.from,
    to_state: e.to,
    comment: e.comment ?? null,
    payload: JSON.stringify(e.payload ?? {}),
  });
}

/** A reminder or escalation of the case's answer date (modules/reminders), at the state it is in. */
export async function recordCaseReminder(
  trx: Transaction<Database>,
  s: Services,
  ctx: RequestContext,
  caseId: number,
  kind: 'deadline_reminded' | 'deadline_escalated',
  detail: object,
): Promise<void> {
  const row = await findCaseById(trx, caseId);
  if (!row) return;
  const state = row.state as CaseState;
  await recordCaseEvent(trx, s, ctx, caseId, { action: kind, from: state, to: state, payload: detail });
}
