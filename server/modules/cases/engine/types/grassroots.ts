// 基层 requests (issue 9 §5): a county or township 统战部 asks the level above for help (staffing, funds,
// coordination); the level above's staff accept it (or decline), then answer it themselves or forward
// it to a unit that answers; the requesting unit rates the answer, 不满意 reopens it once.
import {
  commentOnly,
  forwardBody,
  grassrootsContent,
  instructionBody,
  leadAnswerBody,
  rateBody,
  reasonBody,
} from '../bodies.ts';
import type { CaseTypeConfig } from '../engine.ts';
import { unitAnswers } from './shared.ts';

const LIVE = [
  'submitted',
  'accepted',
  'forwarded',
  'return_requested',
  'answered',
  'reopened',
  'closed',
] as const;

export const GRASSROOTS: CaseTypeConfig = {
  type: 'grassroots',
  content: grassrootsContent,
  creators: ['staff'],
  states: {
    draft: { deadlineDays: null },
    submitted: { deadlineDays: 5 },
    accepted: { deadlineDays: 20 },
    declined: { deadlineDays: null, final: true },
    forwarded: { deadlineDays: 20 },
    return_requested: { deadlineDays: 3 },
    answered: { deadlineDays: 10 },
    reopened: { deadlineDays: 20 },
    closed: { deadlineDays: null, final: true },
  },
  returnWindowDays: 5,
  rating: { maxRounds: 2, raters: 'one' },
  transitions: [
    { action: 'submit', from: ['draft'], to: 'submitted', who: ['author'], body: commentOnly },
    { action: 'withdraw', from: ['submitted'], to: 'draft', who: ['author'], body: commentOnly },
    { action: 'accept', from: ['submitted'], to: 'accepted', who: ['staff'], body: commentOnly },
    {
      action: 'decline',
      from: ['submitted'],
      to: 'declined',
      who: ['staff'],
      body: reasonBody('不予受理的理由'),
    },
    { action: 'mark_key', from: LIVE, to: 'same', who: ['staff'], body: commentOnly, guards: ['not_key'] },
    { action: 'unmark_key', from: LIVE, to: 'same', who: ['staff'], body: commentOnly, guards: ['is_key'] },
    { action: 'forward', from: ['accepted'], to: 'forwarded', who: ['staff'], body: forwardBody },
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
      to: 'accepted',
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
    // The level above answers itself, or its lead unit answers once forwarded.
    {
      action: 'answer',
      from: ['accepted'],
      to: 'answered',
      who: ['staff'],
      body: leadAnswerBody,
      guards: ['not_answered_this_round'],
    },
    ...unitAnswers(['lead_unit', 'staff']),
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
