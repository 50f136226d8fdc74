// Taking an action on a case: in one transaction, read the case at the version the person saw, ask the
// engine whether this person may take this action now and where it leads, check the action's input
// against its transition's schema, apply the step, write the new state with its running deadline, the
// timeline entry, the audit event `case.<action>` and the messages to whoever must act next. A refusal
// changes nothing.
import type { RequestContext } from '../../../core/access/actor.ts';
import { toTimestamp } from '../../../core/clock.ts';
import { appError } from '../../../core/errors.ts';
import { parseOrRefuse } from '../../../core/http/validation.ts';
import type { Services } from '../../../core/services.ts';
import { deadlineDays, pick, transition, type Refusal } from '../engine/engine.ts';
import type { CaseAction, Rating } from '../engine/vocabulary.ts';
import { actorFactsOf, calendarFor, configOf, factsOf, loadAround, todayOf } from '../case.facts.ts';
import { findCaseById, updateCaseAtVersion, type CaseWithNames } from '../case.repository.ts';
import { recordCaseEvent } from '../case.timeline.ts';
import { getCaseDetail } from '../detail/detail.service.ts';
import { announce } from './action.notify.ts';
import type { StepEffect } from './step.ts';
import { confirmCosign, declineCosign, inviteCosigners, submit, withdraw } from './steps.drafting.ts';
import { accept, decline, keepForReference, markKey, merge, unmarkKey } from './steps.review.ts';
import { acceptReturn, answer, forward, rejectReturn, requestReturn } from './steps.handling.ts';
import { adopt, close, rate, recordInstruction, turnIntoTask } from './steps.closing.ts';

const STEPS: Record<CaseAction, StepEffect> = {
  invite_cosigner: inviteCosigners,
  confirm_cosign: confirmCosign,
  decline_cosign: declineCosign,
  submit,
  withdraw,
  accept,
  decline,
  keep_for_reference: keepForReference,
  merge,
  mark_key: markKey,
  unmark_key: unmarkKey,
  forward,
  return: requestReturn,
  accept_return: acceptReturn,
  reject_return: rejectReturn,
  answer,
  rate,
  close,
  adopt,
  record_instruction: recordInstruction,
  turn_into_task: turnIntoTask,
};

function refuse(r: Refusal): never {
  switch (r.code) {
    case 'unknown':
      throw appError('VALIDATION_FAILED', r.message);
    case 'state':
      throw appError('CASE_STATE', r.message);
    case 'who':
      throw appError('FORBIDDEN', r.message);
    case 'guard':
      throw appError('CASE_RULE', r.message, { condition: r.guard });
  }
}

export async function runAction(
  s: Services,
  ctx: RequestContext,
  c: CaseWithNames,
  version: number,
  action: CaseAction,
  body: Record<string, unknown>,
) {
  const config = configOf(c);
  await s.db.kysely.transaction().execute(async (trx) => {
    const current = (await findCaseById(trx, c.id))!;
    if (current.version !== version) throw appError('VERSION_CONFLICT');
    const around = await loadAround(trx, current);
    const facts = await factsOf(trx, s, current, around);
    const actorFacts = actorFactsOf(ctx.actor, current, around);
    const picked = pick(config, facts, actorFacts, action);
    if (!picked.ok) refuse(picked);
    const input = (parseOrRefuse(picked.transition.body, body) ?? {}) as Record<string, unknown>;
    const outcome = transition(config, facts, actorFacts, action, input.rating as Rating | undefined);
    if (!outcome.ok) refuse(outcome);
    const today = todayOf(s);
    const calendar = await calendarFor(trx, today);
    const now = toTimestamp(s.clock.now());
    const { from, to } = outcome;
    const step = await STEPS[action]({
      trx,
      s,
      ctx,
      c: current,
      around,
      config,
      input,
      from,
      to,
      today,
      now,
      calendar,
    });
    const days = deadlineDays(config, to);
    const due =
      step.dueDate !== undefined
        ? step.dueDate
        : from === to
          ? current.due_date
          : days === null
            ? null
            : calendar.addWorkingDays(today, days);
    const ok = await updateCaseAtVersion(trx, c.id, version, {
      ...step.patch,
      state: to,
      due_date: due,
      updated_at: now,
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    const payload = { ...step.payload, ...(due !== current.due_date && due ? { dueDate: due } : {}) };
    await recordCaseEvent(trx, s, ctx, c.id, { action, from, to, comment: step.comment ?? null, payload });
    await s.audit.record(trx, ctx, {
      action: `case.${action}`,
      objectType: 'case',
      objectId: c.id,
      note: { type: c.type, from, to, ...payload },
    });
    const moved = (await findCaseById(trx, c.id))!;
    await announce(trx, s, ctx, moved, await loadAround(trx, moved), {
      action,
      from,
      to,
      comment: step.comment ?? null,
    });
  });
  return getCaseDetail(s, ctx, c.id);
}

/** The demo workspace (modules/demo) takes actions as a person would, at the case's current version. */
export async function takeAction(
  s: Services,
  ctx: RequestContext,
  caseId: number,
  action: CaseAction,
  body: Record<string, unknown> = {},
) {
  const c = await findCaseById(s.db.kysely, caseId);
  if (!c) throw appError('CASE_NOT_FOUND');
  return runAction(s, ctx, c, c.version, action, body);
}
