// Staff review: accept (立案), decline with a reason, keep as reference, merge a duplicate into a main
// case (the merged one follows it), mark or unmark 重点.
import { regionInScope } from '../../../core/access/scope.ts';
import { appError } from '../../../core/errors.ts';
import type { CaseState } from '../engine/vocabulary.ts';
import { findCaseById } from '../case.repository.ts';
import { recordCaseEvent } from '../case.timeline.ts';
import { removeProposal } from '../text/similar.index.ts';
import { proposalTextOf } from '../text/similar.service.ts';
import { text, type StepEffect } from './step.ts';

export const accept: StepEffect = async ({ input, now }) => ({
  patch: { accepted_at: now },
  comment: text(input.comment),
});

export const decline: StepEffect = async ({ input, now }) => ({
  patch: { closed_at: now },
  comment: text(input.reason),
});

export const keepForReference: StepEffect = async ({ input, now }) => ({
  patch: { closed_at: now },
  comment: text(input.comment),
});

// A draft, or a case declined, kept as reference or itself merged, cannot take others in.
const NOT_A_MAIN: readonly CaseState[] = ['draft', 'declined', 'reference', 'merged'];

export const merge: StepEffect = async ({ trx, s, ctx, c, input, now }) => {
  const mainId = input.mainId as number;
  const main = mainId === c.id ? undefined : await findCaseById(trx, mainId);
  if (!main || main.type !== c.type || !regionInScope(ctx.actor!.scope, main.region_path))
    throw appError('CASE_INVALID', '请选择本地区同类的另一件事项作为主件');
  const state = main.state as CaseState;
  if (main.merged_into_id !== null || NOT_A_MAIN.includes(state))
    throw appError('CASE_INVALID', '主件须是已提交、未并入其他事项且未被不予立案的事项');
  await recordCaseEvent(trx, s, ctx, main.id, {
    action: 'merged_in',
    from: state,
    to: state,
    payload: { caseId: c.id, title: c.title, submitter: c.submitter_org_name },
  });
  // A merged proposal follows its main one: it is no longer offered as similar (the main one is).
  if (c.type === 'proposal') await removeProposal(trx, c.id, proposalTextOf(c));
  return {
    patch: { merged_into_id: main.id, closed_at: now },
    comment: text(input.comment),
    payload: { mainId: main.id, mainTitle: main.title },
  };
};

export const markKey: StepEffect = async ({ input }) => ({
  patch: { is_key: 1 },
  comment: text(input.comment),
});
export const unmarkKey: StepEffect = async ({ input }) => ({
  patch: { is_key: 0 },
  comment: text(input.comment),
});
