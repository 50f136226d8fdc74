// The case engine, pure: given a type's configuration, where a case stands and how the person stands to
// it, which actions they may take, and where an action leads (or why it is refused). No database, no
// clock, no type-specific branch: the four types differ only in their configs (types/*.ts). The service
// (case.actions.ts) gathers the facts, calls `transition`, and writes the new state, the event, the
// audit entry and the messages in one transaction — or nothing, on a refusal.
import type { z } from 'zod';
import {
  actionLabel,
  stateLabel,
  type CaseAction,
  type CaseState,
  type CaseType,
  type Rating,
  type Relation,
} from './vocabulary.ts';

/** A condition beyond state and relation that an action needs; each is a fact the service computes. */
export type Guard =
  | 'no_pending_signers'
  | 'return_window_open'
  | 'not_answered_this_round'
  | 'not_rated_this_round'
  | 'not_key'
  | 'is_key'
  | 'not_adopted'
  | 'adopted_without_task'
  | 'rating_overdue';

export interface Transition {
  action: CaseAction;
  from: readonly CaseState[];
  /** The state after the action: a state, 'same' (a record on the case, no move), or 'rating' (stays
   * answered until every rater has rated, then closes — or reopens for a second answer when someone is
   * not satisfied and rounds are left). */
  to: CaseState | 'same' | 'rating';
  /** Who may take it: anyone holding one of these relations to the case. */
  who: readonly Relation[];
  /** What the action asks for. */
  body: z.ZodType;
  guards?: readonly Guard[];
}

export interface StateConfig {
  /** Working days the case may stay in this state before it is overdue (null: no deadline). */
  deadlineDays: number | null;
  /** Nothing more happens to the case (records such as 批示 may still be added where configured). */
  final?: boolean;
}

export interface CaseTypeConfig {
  type: CaseType;
  /** The content of a case of this type (the draft form). */
  content: z.ZodType;
  /** Who may open a case of this type: a submitter (work.submit) and/or staff (work.manage). */
  creators: readonly ('submitter' | 'staff')[];
  /** The states this type uses, the first being where a new case starts. */
  states: Readonly<Partial<Record<CaseState, StateConfig>>>;
  transitions: readonly Transition[];
  /** Working days after forwarding within which the lead unit may return a misrouted case. */
  returnWindowDays: number | null;
  /** Answer rounds: 2 = one second answer after 不满意. Raters: the author, the confirmed co-signers and
   * the authors of merged cases ('everyone'), or a single rating for the case ('one'). */
  rating: { maxRounds: number; raters: 'everyone' | 'one' };
}

/** Where the case stands, as the service read it inside the action's transaction. */
export interface CaseFacts {
  state: CaseState;
  round: number;
  isKey: boolean;
  adopted: boolean;
  hasTask: boolean;
  /** Co-signers invited and not yet answered, whose confirm-by date has not passed. */
  pendingSigners: number;
  /** Today is within the return window after forwarding. */
  returnWindowOpen: boolean;
  /** The rating deadline of an answered case has passed. */
  ratingOverdue: boolean;
  /** Raters of this round who have not rated yet (the actor among them when they have not). */
  ratersLeft: number;
  /** Someone already rated this round 不满意. */
  unsatisfiedThisRound: boolean;
}

/** How the person stands to the case. */
export interface ActorFacts {
  relations: readonly Relation[];
  /** The person's unit already answered this round. */
  answeredThisRound: boolean;
  /** The person already rated this round. */
  ratedThisRound: boolean;
}

export type Refusal =
  | { ok: false; code: 'unknown'; message: string }
  | { ok: false; code: 'state'; message: string }
  | { ok: false; code: 'who'; message: string }
  | { ok: false; code: 'guard'; guard: Guard; message: string };

export type Picked = { ok: true; transition: Transition } | Refusal;

const GUARD_MESSAGES: Record<Guard, string> = {
  no_pending_signers: '还有联名人尚未确认（确认截止日期未到），请等他们确认或谢绝后再提交',
  return_window_open: '已超过可申请退回的期限，请按期办理并答复',
  not_answered_this_round: '本单位本轮已答复，不能重复答复',
  not_rated_this_round: '您已评价过本轮答复',
  not_key: '已标为重点',
  is_key: '尚未标为重点',
  not_adopted: '已登记采纳',
  adopted_without_task: '须先登记采纳，且尚未转为任务',
  rating_overdue: '评价期限未到，提交人和联名人尚可评价',
};

function holds(guard: Guard, c: CaseFacts, a: ActorFacts): boolean {
  switch (guard) {
    case 'no_pending_signers':
      return c.pendingSigners === 0;
    case 'return_window_open':
      return c.returnWindowOpen;
    case 'not_answered_this_round':
      return !a.answeredThisRound;
    case 'not_rated_this_round':
      return !a.ratedThisRound;
    case 'not_key':
      return !c.isKey;
    case 'is_key':
      return c.isKey;
    case 'not_adopted':
      return !c.adopted;
    case 'adopted_without_task':
      return c.adopted && !c.hasTask;
    case 'rating_overdue':
      return c.ratingOverdue;
  }
}

/** The transition the person would take with this action, or why they may not. */
export function pick(config: CaseTypeConfig, c: CaseFacts, a: ActorFacts, action: CaseAction): Picked {
  const label = actionLabel(config.type, action);
  const named = config.transitions.filter((t) => t.action === action);
  if (named.length === 0) return { ok: false, code: 'unknown', message: `此类事项没有“${label}”这一操作` };
  const fromHere = named.filter((t) => t.from.includes(c.state));
  if (fromHere.length === 0)
    return {
      ok: false,
      code: 'state',
      message: `当前为“${stateLabel(config.type, c.state)}”，不能${label}，请刷新后查看`,
    };
  const mine = fromHere.find((t) => t.who.some((r) => a.relations.includes(r)));
  if (!mine) return { ok: false, code: 'who', message: `您不能对此事项进行“${label}”操作` };
  const failed = (mine.guards ?? []).find((g) => !holds(g, c, a));
  if (failed) return { ok: false, code: 'guard', guard: failed, message: GUARD_MESSAGES[failed] };
  return { ok: true, transition: mine };
}

/** Every action the person may take now (and only those): what the case page offers. */
export function allowedActions(config: CaseTypeConfig, c: CaseFacts, a: ActorFacts): CaseAction[] {
  const actions = [...new Set(config.transitions.map((t) => t.action))];
  return actions.filter((action) => pick(config, c, a, action).ok);
}

export type Outcome =
  { ok: true; action: CaseAction; from: CaseState; to: CaseState; transition: Transition } | Refusal;

/**
 * Where the action leads. `rating` is the rating given, for a 'rating' transition (its body was
 * validated against `transition.body` by the caller, with the type's messages).
 */
export function transition(
  config: CaseTypeConfig,
  c: CaseFacts,
  a: ActorFacts,
  action: CaseAction,
  rating?: Rating,
): Outcome {
  const picked = pick(config, c, a, action);
  if (!picked.ok) return picked;
  const t = picked.transition;
  return { ok: true, action, from: c.state, to: destination(config, c, t, rating), transition: t };
}

function destination(config: CaseTypeConfig, c: CaseFacts, t: Transition, rating?: Rating): CaseState {
  if (t.to === 'same') return c.state;
  if (t.to !== 'rating') return t.to;
  if (c.ratersLeft > 1) return c.state;
  const unsatisfied = c.unsatisfiedThisRound || rating === 'unsatisfied';
  return unsatisfied && c.round < config.rating.maxRounds ? 'reopened' : 'closed';
}

/** The working days a case may stay in a state, or null. */
export function deadlineDays(config: CaseTypeConfig, state: CaseState): number | null {
  return config.states[state]?.deadlineDays ?? null;
}

/** The state a new case of this type starts in. */
export function initialState(config: CaseTypeConfig): CaseState {
  return Object.keys(config.states)[0] as CaseState;
}
