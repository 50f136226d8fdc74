// 民主监督 reports (issue 9 §3): a democratic party files a report under a supervision project; staff
// forward it to the agency the project supervises (or decline it); the agency responds (回应); the party
// rates the response, 不满意 asks for a second one; adoption and 批示 are recorded as for proposals. The
// project itself (topic, scope, period, party, agency, mutual ratings, closing summary) is a record of its
// own (case.projects.ts), not a case.
import {
  adoptBody,
  commentOnly,
  forwardToAgencyBody,
  instructionBody,
  oversightContent,
  rateBody,
  reasonBody,
  taskBody,
} from '../bodies.ts';
import type { CaseTypeConfig } from '../engine.ts';
import { unitAnswers } from './shared.ts';

const LIVE = ['submitted', 'forwarded', 'answered', 'reopened', 'closed'] as const;

export const OVERSIGHT: CaseTypeConfig = {
  type: 'oversight',
  content: oversightContent,
  creators: ['submitter'],
  states: {
    draft: { deadlineDays: null },
    submitted: { deadlineDays: 5 },
    declined: { deadlineDays: null, final: true },
    forwarded: { deadlineDays: 30 },
    answered: { deadlineDays: 15 },
    reopened: { deadlineDays: 20 },
    closed: { deadlineDays: null, final: true },
  },
  returnWindowDays: null,
  rating: { maxRounds: 2, raters: 'one' },
  transitions: [
    { action: 'submit', from: ['draft'], to: 'submitted', who: ['author'], body: commentOnly },
    { action: 'withdraw', from: ['submitted'], to: 'draft', who: ['author'], body: commentOnly },
    {
      action: 'decline',
      from: ['submitted'],
      to: 'declined',
      who: ['staff'],
      body: reasonBody('不予采用的理由'),
    },
    { action: 'forward', from: ['submitted'], to: 'forwarded', who: ['staff'], body: forwardToAgencyBody },
    { action: 'mark_key', from: LIVE, to: 'same', who: ['staff'], body: commentOnly, guards: ['not_key'] },
    { action: 'unmark_key', from: LIVE, to: 'same', who: ['staff'], body: commentOnly, guards: ['is_key'] },
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
    {
      action: 'adopt',
      from: ['answered', 'closed'],
      to: 'same',
      who: ['staff'],
      body: adoptBody,
      guards: ['not_adopted'],
    },
    { action: 'record_instruction', from: LIVE, to: 'same', who: ['staff', 'leader'], body: instructionBody },
    {
      action: 'turn_into_task',
      from: ['answered', 'closed'],
      to: 'same',
      who: ['staff'],
      body: taskBody,
      guards: ['adopted_without_task'],
    },
  ],
};
