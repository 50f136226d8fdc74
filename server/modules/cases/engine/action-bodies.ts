// The body of POST /api/cases/:id/actions: one member per action, told apart by `action`
// (docs/decisions/case-action-bodies.md). Each member lists exactly the fields its action takes, bounded
// (limits.ts), so the OpenAPI document and the web's generated types describe every action's input, and a
// bad body is refused by the route (400 VALIDATION_FAILED, each field named in Chinese) before anything
// is read. What depends on the case's type or on who answers — the lead unit's answer needs a category,
// forwarding outside 民主监督 needs a lead unit — is then checked against the transition the engine picks
// (bodies.ts, the same fields), with the same code.
import { z } from 'zod';
import {
  adoptFields,
  answerFields,
  comment,
  forwardFields,
  instructionFields,
  inviteFields,
  mergeFields,
  rateFields,
  reasonField,
  taskFields,
} from './bodies.ts';
import type { CaseAction } from './vocabulary.ts';

const member = <A extends CaseAction, S extends z.ZodRawShape>(action: A, id: string, fields: S) =>
  z.strictObject({ action: z.literal(action), ...fields }).meta({ id: `CaseAction${id}` });

const commentFields = { comment };

export const caseActionBody = z.discriminatedUnion(
  'action',
  [
    member('invite_cosigner', 'InviteCosigner', inviteFields),
    member('confirm_cosign', 'ConfirmCosign', commentFields),
    member('decline_cosign', 'DeclineCosign', commentFields),
    member('submit', 'Submit', commentFields),
    member('withdraw', 'Withdraw', commentFields),
    member('accept', 'Accept', commentFields),
    // 不予立案 / 不予受理 / 不予采用, by type (the transition's schema names it so).
    member('decline', 'Decline', { reason: reasonField('理由') }),
    member('keep_for_reference', 'KeepForReference', commentFields),
    member('merge', 'Merge', mergeFields),
    member('mark_key', 'MarkKey', commentFields),
    member('unmark_key', 'UnmarkKey', commentFields),
    member('forward', 'Forward', forwardFields),
    member('return', 'Return', { reason: reasonField('退回理由') }),
    member('accept_return', 'AcceptReturn', commentFields),
    member('reject_return', 'RejectReturn', { reason: reasonField('不同意退回的理由') }),
    member('answer', 'Answer', answerFields),
    member('rate', 'Rate', rateFields),
    member('close', 'Close', commentFields),
    member('adopt', 'Adopt', adoptFields),
    member('record_instruction', 'RecordInstruction', instructionFields),
    member('turn_into_task', 'TurnIntoTask', taskFields),
  ],
  {
    error: (issue) =>
      typeof issue.input === 'object' && issue.input !== null
        ? '没有这一操作，请刷新页面后重试'
        : '请求内容应为 JSON 对象，写明操作（action）及其所需内容',
  },
);
