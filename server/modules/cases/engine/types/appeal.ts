// 政企沟通 enterprise appeals (issue 9 §4): staff or the 工商联 record an appeal (type, channel, the
// enterprise and its contact, possibly raised at a 政企座谈会) and submit it; staff assign it to a
// department with a due date (or decline it); the department may return a misrouted one within the
// window; it answers; the recorder enters the enterprise's rating, 不满意 reopens it once.
import { appealContent, commentOnly, forwardBody, instructionBody, rateBody, reasonBody } from '../bodies.ts';
import type { CaseTypeConfig } from '../engine.ts';
import { unitAnswers } from './shared.ts';

const LIVE = ['submitted', 'forwarded', 'return_requested', 'answered', 'reopened', 'closed'] as const;

export const APPEAL: CaseTypeConfig = {
  type: 'appeal',
  content: appealContent,
  creators: ['submitter', 'staff'],
  states: {
    draft: { deadlineDays: null },
    submitted: { deadlineDays: 3 },
    declined: { deadlineDays: null, final: true },
    forwarded: { deadlineDays: 15 },
    return_requested: { deadlineDays: 3 },
    answered: { deadlineDays: 10 },
    reopened: { deadlineDays: 10 },
    closed: { deadlineDays: null, final: true },
  },
  returnWindowDays: 3,
  rating: { maxRounds: 2, raters: 'one' },
  transitions: [
    { action: 'submit', from: ['draft'], to: 'submitted', who: ['author'], body: commentOnly },
    { action: 'withdraw', from: ['submitted'], to: 'draft', who: ['author'], body: commentOnly },
    {
      action: 'decline',
      from: ['submitted'],
      to: 'declined',
      who: ['staff'],
      body: reasonBody('不予受理的理由'),
    },
    { action: 'forward', from: ['submitted'], to: 'forwarded', who: ['staff'], body: forwardBody },
    { action: 'mark_key', from: LIVE, to: 'same', who: ['staff'], body: commentOnly, guards: ['not_key'] },
    { action: 'unmark_key', from: LIVE, to: 'same', who: ['staff'], body: commentOnly, guards: ['is_key'] },
    {
      action: 'return',
      from: ['forwarded'],
      to: 'return_requested',
      who: ['lead_unit'],
      body: reasonBody('退回理由'),
      guards: ['return_window_open'],
    },
    {
      action: 'accept_return',
      from: ['return_requested'],
      to: 'submitted',
      who: ['staff'],
      body: commentOnly,
    },
    {
      action: 'reject_return',
      from: ['return_requested'],
      to: 'forwarded',
      who: ['staff'],
      body: reasonBody('不同意退回的理由'),
    },
    ...unitAnswers(),
    {
      action: 'rate',
      from: ['answered'],
      to: 'rating',
      who: ['submitter'],
      body: rateBody,
      guards: ['not_rated_this_round'],
    },
    {
      action: 'close',
      from: ['answered'],
      to: 'closed',
      who: ['staff'],
      body: commentOnly,
      guards: ['rating_overdue'],
    },
    { action: 'record_instruction', from: LIVE, to: 'same', who: ['staff', 'leader'], body: instructionBody },
  ],
};
