// One body per case action for the tests: a valid one (every transition of every type takes it, and so
// does the route), and a bad one with the field it gets wrong (the route refuses it: 400
// VALIDATION_FAILED, that field named, nothing saved). action-bodies.api.test.ts and engine.test.ts use them.
import type { CaseAction } from '../engine/vocabulary.ts';

const long = (n: number) => '长'.repeat(n + 1);

export const VALID_ACTION_BODIES: Record<CaseAction, Record<string, unknown>> = {
  invite_cosigner: { userIds: [1], confirmBy: '2026-03-10' },
  confirm_cosign: { comment: '同意联名' },
  decline_cosign: {},
  submit: {},
  withdraw: { comment: '修改后再提交' },
  accept: {},
  decline: { reason: '不属于受理范围' },
  keep_for_reference: {},
  merge: { mainId: 1, comment: '内容重复' },
  mark_key: {},
  unmark_key: {},
  forward: { leadUnitId: 1, cooperatingUnitIds: [2], dueDate: '2026-04-30' },
  return: { reason: '不属于本单位职责' },
  accept_return: {},
  reject_return: { reason: '属于本单位职责' },
  answer: { letter: '已研究办理。', category: 'solved', attachmentIds: [] },
  rate: { rating: 'satisfied', comment: '答复具体' },
  close: {},
  adopt: { note: '建议已被采纳' },
  record_instruction: { leader: '某副省长', level: 'province', givenOn: '2026-03-01', text: '请研究落实。' },
  turn_into_task: { planItemId: 1, dueDate: '2026-12-31' },
};

export const BAD_ACTION_BODIES: Record<CaseAction, { body: Record<string, unknown>; field: string }> = {
  invite_cosigner: { body: { userIds: [], confirmBy: '2026-03-10' }, field: 'userIds' },
  confirm_cosign: { body: { comment: long(2000) }, field: 'comment' },
  decline_cosign: { body: { reason: '不想联名' }, field: '' },
  submit: { body: { comment: 5 }, field: 'comment' },
  withdraw: { body: { comment: long(2000) }, field: 'comment' },
  accept: { body: { note: '立案' }, field: '' },
  decline: { body: { reason: ' ' }, field: 'reason' },
  keep_for_reference: { body: { comment: long(2000) }, field: 'comment' },
  merge: { body: { mainId: '第一件' }, field: 'mainId' },
  mark_key: { body: { comment: ['重点'] }, field: 'comment' },
  unmark_key: { body: { reason: '取消' }, field: '' },
  forward: {
    body: { leadUnitId: 1, cooperatingUnitIds: Array.from({ length: 11 }, (_, i) => i + 2) },
    field: 'cooperatingUnitIds',
  },
  return: { body: { reason: long(2000) }, field: 'reason' },
  accept_return: { body: { comment: long(2000) }, field: 'comment' },
  reject_return: { body: {}, field: 'reason' },
  answer: {
    body: { letter: '已办理。', attachmentIds: Array.from({ length: 21 }, (_, i) => i + 1) },
    field: 'attachmentIds',
  },
  rate: { body: { rating: 'great' }, field: 'rating' },
  close: { body: { comment: long(2000) }, field: 'comment' },
  adopt: { body: { note: long(2000) }, field: 'note' },
  record_instruction: {
    body: { leader: '某副省长', level: 'province', givenOn: '2026-03-01', text: long(4000) },
    field: 'text',
  },
  turn_into_task: { body: { planItemId: 1, dueDate: '明年年底' }, field: 'dueDate' },
};
