// Drafting steps: co-signers are invited and answer; the author submits or withdraws.
import { appError } from '../../../core/errors.ts';
import { SIGNER_STATUS_LABELS } from '../engine/vocabulary.ts';
import { findSubmitterUsers, insertSigners, setSignerStatus } from './action.repository.ts';
import { indexProposal, removeProposal } from '../text/similar.index.ts';
import { proposalTextOf } from '../text/similar.service.ts';
import { text, type StepEffect } from './step.ts';

export const inviteCosigners: StepEffect = async ({ trx, c, around, input, now, today }) => {
  const userIds = [...new Set(input.userIds as number[])].filter((id) => id !== c.submitter_user_id);
  const confirmBy = input.confirmBy as string;
  if (confirmBy < today) throw appError('CASE_INVALID', '确认截止日期不能早于今天');
  const already = new Set(around.signers.map((p) => p.user_id));
  const fresh = userIds.filter((id) => !already.has(id));
  const users = await findSubmitterUsers(trx, fresh);
  if (users.length !== fresh.length)
    throw appError('CASE_INVALID', '联名人须是在用的民主党派、工商联或党外代表人士账户');
  if (users.length === 0) throw appError('CASE_INVALID', '所选的人已在联名人中');
  await insertSigners(
    trx,
    users.map((u) => ({
      case_id: c.id,
      user_id: u.id,
      name: u.display_name,
      status: 'invited',
      confirm_by: confirmBy,
      invited_at: now,
    })),
  );
  return { payload: { invited: users.map((u) => u.display_name), confirmBy } };
};

const answerInvitation =
  (status: 'confirmed' | 'declined'): StepEffect =>
  async ({ trx, c, ctx, input, now }) => {
    await setSignerStatus(trx, c.id, ctx.actor!.userId, status, now);
    return { comment: text(input.comment), payload: { status: SIGNER_STATUS_LABELS[status] } };
  };
export const confirmCosign = answerInvitation('confirmed');
export const declineCosign = answerInvitation('declined');

// A submitted proposal goes into the similarity index (cases/text/similar.index.ts) in the same
// transaction; a withdrawn one comes out, so editing and submitting again indexes the new text.
export const submit: StepEffect = async ({ trx, c, input, now }) => {
  if (c.type === 'proposal') await indexProposal(trx, c.id, proposalTextOf(c), new Date(now));
  return { patch: { submitted_at: now }, comment: text(input.comment) };
};

export const withdraw: StepEffect = async ({ trx, c, input }) => {
  if (c.type === 'proposal') await removeProposal(trx, c.id, proposalTextOf(c));
  return { patch: { submitted_at: null }, comment: text(input.comment) };
};
