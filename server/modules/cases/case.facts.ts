// The facts the engine reads, gathered from the case's rows: where the case stands (co-signers pending,
// the return window, the rating round) and how the person stands to it. Read inside the action's
// transaction, so the engine decides on what is stored now.
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { loadWorkingDays } from '../calendar/index.ts';
import type { ActorFacts, CaseFacts, CaseTypeConfig } from './engine/engine.ts';
import { CASE_CONFIGS } from './engine/types/index.ts';
import type { CaseState, CaseType } from './engine/vocabulary.ts';
import { relationsOf } from './case.policy.ts';
import {
  listAnswers,
  listHandlers,
  listMergedInto,
  listRatings,
  listSigners,
  type CaseWithNames,
} from './case.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function todayOf(s: Services): string {
  // Stored timestamps are in +08:00, so their date part is the day in China.
  return toTimestamp(s.clock.now()).slice(0, 10);
}

export async function calendarFor(db: Q, today: string) {
  const year = Number(today.slice(0, 4));
  return loadWorkingDays(db, year - 1, year + 1);
}

export function configOf(c: { type: string }): CaseTypeConfig {
  return CASE_CONFIGS[c.type as CaseType];
}

/** Everything around a case that its facts, its page and its messages need. */
export async function loadAround(db: Q, c: CaseWithNames) {
  const [signers, handlers, answers, ratings, merged] = await Promise.all([
    listSigners(db, c.id),
    listHandlers(db, c.id),
    listAnswers(db, c.id),
    listRatings(db, c.id),
    listMergedInto(db, c.id),
  ]);
  return { signers, handlers, answers, ratings, merged, followerIds: merged.map((m) => m.submitter_user_id) };
}
export type Around = Awaited<ReturnType<typeof loadAround>>;

/** Who rates this round: the author, the confirmed co-signers and the merged cases' authors. */
function expectedRaters(config: CaseTypeConfig, c: CaseWithNames, around: Around): number[] {
  if (config.rating.raters === 'one') return [];
  const ids = new Set([c.submitter_user_id, ...around.followerIds]);
  for (const p of around.signers) if (p.status === 'confirmed') ids.add(p.user_id);
  return [...ids];
}

export async function factsOf(db: Q, s: Services, c: CaseWithNames, around: Around): Promise<CaseFacts> {
  const config = configOf(c);
  const today = todayOf(s);
  const round = around.ratings.filter((r) => r.round === c.round);
  let returnWindowOpen = false;
  if (config.returnWindowDays !== null && c.forwarded_at) {
    const calendar = await calendarFor(db, today);
    returnWindowOpen = today <= calendar.addWorkingDays(c.forwarded_at.slice(0, 10), config.returnWindowDays);
  }
  const raters = expectedRaters(config, c, around);
  const ratersLeft =
    config.rating.raters === 'one'
      ? round.length > 0
        ? 0
        : 1
      : raters.filter((id) => !round.some((r) => r.rater_id === id)).length;
  return {
    state: c.state as CaseState,
    round: c.round,
    isKey: c.is_key === 1,
    adopted: c.adopted === 1,
    hasTask: c.task_id !== null,
    pendingSigners: around.signers.filter((p) => p.status === 'invited' && p.confirm_by >= today).length,
    returnWindowOpen,
    ratingOverdue: c.state === 'answered' && c.due_date !== null && c.due_date < today,
    ratersLeft,
    unsatisfiedThisRound: round.some((r) => r.rating === 'unsatisfied'),
  };
}

export function actorFactsOf(actor: Actor | null, c: CaseWithNames, around: Around): ActorFacts {
  return {
    relations: relationsOf(actor, c, around),
    answeredThisRound:
      !!actor && around.answers.some((a) => a.round === c.round && a.unit_id === actor.unitId),
    ratedThisRound: !!actor && around.ratings.some((r) => r.round === c.round && r.rater_id === actor.userId),
  };
}
