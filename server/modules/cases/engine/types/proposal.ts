// 议政建言 proposals (issue 9 §2): a submitter drafts, invites co-signers who confirm before a date, and
// submits; staff accept (立案), decline with a reason, keep as reference or merge a duplicate into a main
// one; staff forward to a lead unit and cooperating units with a due date; the lead unit may ask to return a
// misrouted case within the window, which staff accept or reject; the units answer; every submitter and
// co-signer rates, 不满意 reopens for a second answer; staff record adoption (采纳), 批示 and turn an
// adopted proposal into a task.
import {
  adoptBody,
  commentOnly,
  forwardBody,
  instructionBody,
  inviteBody,
  mergeBody,
  proposalContent,
  rateBody,
  reasonBody,
  taskBody,
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

export const PROPOSAL: CaseTypeConfig = {
  type: 'proposal',
  content: proposalContent,
  creators: ['submitter'],
  states: {
    draft: { deadlineDays: null },
    submitted: { deadlineDays: 5 },
    accepted: { deadlineDays: 5 },
    declined: { deadlineDays: null, final: true },
    reference: { deadlineDays: null, final: true },
    merged: { deadlineDays: null, final: true },
    forwarded: { deadlineDays: 60 },
    return_requested: { deadlineDays: 3 },
    answered: { deadlineDays: 15 },
    reopened: { deadlineDays: 30 },
    closed: { deadlineDays: null, final: true },
  },
  returnWindowDays: 5,
  rating: { maxRounds: 2, raters: 'everyone' },
  transitions: [
    { action: 'invite_cosigner', from: ['draft'], to: 'same', who: ['author'], body: inviteBody },
    { action: 'confirm_cosign', from: ['draft'], to: 'same', who: ['invitee'], body: commentOnly },
    { action: 'decline_cosign', from: ['draft'], to: 'same', who: ['invitee'], body: commentOnly },
    {
      action: 'submit',
      from: ['draft'],
      to: 'submitted',
      who: ['author'],
      body: commentOnly,
      guards: ['no_pending_signers'],
    },
    { action: 'withdraw', from: ['submitted'], to: 'draft', who: ['author'], body: commentOnly },
    { action: 'accept', from: ['submitted'], to: 'accepted', who: ['staff'], body: commentOnly },
    {
      action: 'decline',
      from: ['submitted'],
      to: 'declined',
      who: ['staff'],
      body: reasonBody('不予立案的理由'),
    },
    { action: 'keep_for_reference', from: ['submitted'], to: 'reference', who: ['staff'], body: commentOnly },
    { action: 'merge', from: ['submitted', 'accepted'], to: 'merged', who: ['staff'], body: mergeBody },
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
    ...unitAnswers(),
    {
      action: 'rate',
      from: ['answered'],
      to: 'rating',
      who: ['author', 'cosigner', 'follower'],
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
