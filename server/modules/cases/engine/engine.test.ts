// The engine against a table written by hand from issue 9 (not read from the configs): for every type,
// every state it uses, every action and every relation, the action is allowed exactly when the table
// says so, leads where the table says, and is refused otherwise with the right reason (unknown action,
// wrong state, wrong person, unmet condition). A config that drifts from the issue fails here.
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  initialState,
  transition,
  type ActorFacts,
  type CaseFacts,
  type Guard,
} from './engine.ts';
import { CASE_CONFIGS } from './types/index.ts';
import {
  CASE_ACTIONS,
  CASE_STATES,
  CASE_TYPES,
  RELATIONS,
  type CaseState,
  type CaseType,
  type Relation,
} from './vocabulary.ts';

// state  action  who… -> to  [guard …]    ('same': stays; 'rating': settles once every rater has rated)
const EXPECTED: Record<CaseType, { states: string; rows: string }> = {
  proposal: {
    states:
      'draft submitted accepted declined reference merged forwarded return_requested answered reopened closed',
    rows: `
      draft invite_cosigner author -> same
      draft confirm_cosign invitee -> same
      draft decline_cosign invitee -> same
      draft submit author -> submitted [no_pending_signers]
      submitted withdraw author -> draft
      submitted accept staff -> accepted
      submitted decline staff -> declined
      submitted keep_for_reference staff -> reference
      submitted merge staff -> merged
      accepted merge staff -> merged
      accepted forward staff -> forwarded
      forwarded return lead_unit -> return_requested [return_window_open]
      return_requested accept_return staff -> accepted
      return_requested reject_return staff -> forwarded
      forwarded answer lead_unit -> answered [not_answered_this_round]
      forwarded answer cooperating_unit -> same [not_answered_this_round]
      reopened answer lead_unit -> answered [not_answered_this_round]
      reopened answer cooperating_unit -> same [not_answered_this_round]
      answered rate author cosigner follower -> rating [not_rated_this_round]
      answered close staff -> closed [rating_overdue]
      answered adopt staff -> same [not_adopted]
      closed adopt staff -> same [not_adopted]
      answered turn_into_task staff -> same [adopted_without_task]
      closed turn_into_task staff -> same [adopted_without_task]
      ${live('submitted accepted forwarded return_requested answered reopened closed')}
    `,
  },
  oversight: {
    states: 'draft submitted declined forwarded answered reopened closed',
    rows: `
      draft submit author -> submitted
      submitted withdraw author -> draft
      submitted decline staff -> declined
      submitted forward staff -> forwarded
      forwarded answer lead_unit -> answered [not_answered_this_round]
      forwarded answer cooperating_unit -> same [not_answered_this_round]
      reopened answer lead_unit -> answered [not_answered_this_round]
      reopened answer cooperating_unit -> same [not_answered_this_round]
      answered rate submitter -> rating [not_rated_this_round]
      answered close staff -> closed [rating_overdue]
      answered adopt staff -> same [not_adopted]
      closed adopt staff -> same [not_adopted]
      answered turn_into_task staff -> same [adopted_without_task]
      closed turn_into_task staff -> same [adopted_without_task]
      ${live('submitted forwarded answered reopened closed')}
    `,
  },
  appeal: {
    states: 'draft submitted declined forwarded return_requested answered reopened closed',
    rows: `
      draft submit author -> submitted
      submitted withdraw author -> draft
      submitted decline staff -> declined
      submitted forward staff -> forwarded
      forwarded return lead_unit -> return_requested [return_window_open]
      return_requested accept_return staff -> submitted
      return_requested reject_return staff -> forwarded
      forwarded answer lead_unit -> answered [not_answered_this_round]
      forwarded answer cooperating_unit -> same [not_answered_this_round]
      reopened answer lead_unit -> answered [not_answered_this_round]
      reopened answer cooperating_unit -> same [not_answered_this_round]
      answered rate submitter -> rating [not_rated_this_round]
      answered close staff -> closed [rating_overdue]
      ${live('submitted forwarded return_requested answered reopened closed')}
    `,
  },
  grassroots: {
    states: 'draft submitted accepted declined forwarded return_requested answered reopened closed',
    rows: `
      draft submit author -> submitted
      submitted withdraw author -> draft
      submitted accept staff -> accepted
      submitted decline staff -> declined
      accepted forward staff -> forwarded
      accepted answer staff -> answered [not_answered_this_round]
      forwarded return lead_unit -> return_requested [return_window_open]
      return_requested accept_return staff -> accepted
      return_requested reject_return staff -> forwarded
      forwarded answer lead_unit staff -> answered [not_answered_this_round]
      forwarded answer cooperating_unit -> same [not_answered_this_round]
      reopened answer lead_unit staff -> answered [not_answered_this_round]
      reopened answer cooperating_unit -> same [not_answered_this_round]
      answered rate submitter -> rating [not_rated_this_round]
      answered close staff -> closed [rating_overdue]
      ${live('submitted accepted forwarded return_requested answered reopened closed')}
    `,
  },
};

// The records every live (submitted, not dropped) case takes: 重点 on and off, and 批示.
function live(states: string): string {
  return states
    .split(' ')
    .flatMap((s) => [
      `${s} mark_key staff -> same [not_key]`,
      `${s} unmark_key staff -> same [is_key]`,
      `${s} record_instruction staff leader -> same`,
    ])
    .join('\n');
}

interface Row {
  state: CaseState;
  action: string;
  who: Relation[];
  to: string;
  guards: Guard[];
}

function parse(rows: string): Row[] {
  return rows
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(\w+) (\w+) ([\w ]+) -> (\w+)(?: \[([\w ]+)\])?$/.exec(line);
      if (!m) throw new Error(`bad expectation row: ${line}`);
      return {
        state: m[1] as CaseState,
        action: m[2]!,
        who: m[3]!.split(' ') as Relation[],
        to: m[4]!,
        guards: (m[5]?.split(' ') ?? []) as Guard[],
      };
    });
}

const BASE: CaseFacts = {
  state: 'draft',
  round: 1,
  isKey: false,
  adopted: false,
  hasTask: false,
  pendingSigners: 0,
  returnWindowOpen: true,
  ratingOverdue: true,
  ratersLeft: 1,
  unsatisfiedThisRound: false,
};
const PASS: Record<Guard, Partial<CaseFacts> & { actor?: Partial<ActorFacts> }> = {
  no_pending_signers: { pendingSigners: 0 },
  return_window_open: { returnWindowOpen: true },
  not_answered_this_round: { actor: { answeredThisRound: false } },
  not_rated_this_round: { actor: { ratedThisRound: false } },
  not_key: { isKey: false },
  is_key: { isKey: true },
  not_adopted: { adopted: false },
  adopted_without_task: { adopted: true, hasTask: false },
  rating_overdue: { ratingOverdue: true },
};
const FAIL: Record<Guard, Partial<CaseFacts> & { actor?: Partial<ActorFacts> }> = {
  no_pending_signers: { pendingSigners: 2 },
  return_window_open: { returnWindowOpen: false },
  not_answered_this_round: { actor: { answeredThisRound: true } },
  not_rated_this_round: { actor: { ratedThisRound: true } },
  not_key: { isKey: true },
  is_key: { isKey: false },
  not_adopted: { adopted: true },
  adopted_without_task: { adopted: true, hasTask: true },
  rating_overdue: { ratingOverdue: false },
};

function facts(
  state: CaseState,
  patches: Array<Partial<CaseFacts> & { actor?: Partial<ActorFacts> }>,
  who: Relation,
) {
  let c: CaseFacts = { ...BASE, state };
  let a: ActorFacts = { relations: [who], answeredThisRound: false, ratedThisRound: false };
  for (const { actor, ...p } of patches) {
    c = { ...c, ...p };
    a = { ...a, ...actor };
  }
  return { c, a };
}

describe.each(CASE_TYPES)('the %s engine against the expectation table', (type) => {
  const config = CASE_CONFIGS[type];
  const expected = EXPECTED[type];
  const rows = parse(expected.rows);
  const states = expected.states.split(' ') as CaseState[];
  const actionsOfType = new Set(rows.map((r) => r.action));

  it('uses exactly the states of the table, starting as a draft', () => {
    expect(Object.keys(config.states)).toEqual(states);
    expect(initialState(config)).toBe('draft');
  });

  it.each(CASE_STATES.filter((s) => states.includes(s)))(
    'from %s: every action × relation is allowed or refused as the table says',
    (state) => {
      for (const action of CASE_ACTIONS) {
        for (const who of RELATIONS) {
          const row = rows.find((r) => r.state === state && r.action === action && r.who.includes(who));
          const { c, a } = facts(
            state,
            (row?.guards ?? []).map((g) => PASS[g]),
            who,
          );
          const out = transition(config, c, a, action, 'satisfied');
          const where = `${type}: ${state} ${action} by ${who}`;
          if (row) {
            expect(out.ok, where).toBe(true);
            const to = row.to === 'same' ? state : row.to === 'rating' ? 'closed' : row.to;
            if (out.ok) expect(out.to, where).toBe(to);
          } else {
            const code = !actionsOfType.has(action)
              ? 'unknown'
              : rows.some((r) => r.state === state && r.action === action)
                ? 'who'
                : 'state';
            expect(out.ok, where).toBe(false);
            if (!out.ok) {
              expect(out.code, where).toBe(code);
              expect(out.message.length, where).toBeGreaterThan(0);
            }
          }
        }
      }
    },
  );

  it('refuses each allowed action whose condition does not hold, with the condition named', () => {
    for (const row of rows) {
      for (const guard of row.guards) {
        const others = row.guards.filter((g) => g !== guard).map((g) => PASS[g]);
        const { c, a } = facts(row.state, [...others, FAIL[guard]], row.who[0]!);
        const out = transition(config, c, a, row.action as (typeof CASE_ACTIONS)[number]);
        expect(out, `${type}: ${row.state} ${row.action} without ${guard}`).toMatchObject({
          ok: false,
          code: 'guard',
          guard,
        });
      }
    }
  });

  it('offers as allowed actions exactly the table rows of the state for the relation', () => {
    for (const state of states) {
      for (const who of RELATIONS) {
        const mine = rows.filter((r) => r.state === state && r.who.includes(who));
        const { c, a } = facts(
          state,
          mine.flatMap((r) => r.guards.map((g) => PASS[g])),
          who,
        );
        // 重点 on and off cannot both hold: the table rows whose conditions hold for these facts.
        const want = [
          ...new Set(mine.filter((r) => r.guards.every((g) => holdsIn(g, c, a))).map((r) => r.action)),
        ];
        expect(allowedActions(config, c, a).sort(), `${type}: ${state} for ${who}`).toEqual(want.sort());
      }
    }
  });
});

function holdsIn(g: Guard, c: CaseFacts, a: ActorFacts): boolean {
  const pass = PASS[g];
  const { actor, ...p } = pass;
  return (
    Object.entries(p).every(([k, v]) => c[k as keyof CaseFacts] === v) &&
    Object.entries(actor ?? {}).every(([k, v]) => a[k as keyof ActorFacts] === v)
  );
}

describe('rating: the case settles once every rater has rated', () => {
  const config = CASE_CONFIGS.proposal;
  const rater: ActorFacts = { relations: ['author'], answeredThisRound: false, ratedThisRound: false };
  const answered: CaseFacts = { ...BASE, state: 'answered' };

  it('stays answered while other raters have not rated', () => {
    expect(transition(config, { ...answered, ratersLeft: 2 }, rater, 'rate', 'unsatisfied')).toMatchObject({
      ok: true,
      to: 'answered',
    });
  });
  it('closes when the last rater is satisfied and nobody was not', () => {
    expect(transition(config, answered, rater, 'rate', 'basically_satisfied')).toMatchObject({
      to: 'closed',
    });
  });
  it('reopens for a second answer when the last rater, or an earlier one, is not satisfied', () => {
    expect(transition(config, answered, rater, 'rate', 'unsatisfied')).toMatchObject({ to: 'reopened' });
    expect(
      transition(config, { ...answered, unsatisfiedThisRound: true }, rater, 'rate', 'satisfied'),
    ).toMatchObject({ to: 'reopened' });
  });
  it('closes after the second answer even when still not satisfied (two rounds)', () => {
    expect(transition(config, { ...answered, round: 2 }, rater, 'rate', 'unsatisfied')).toMatchObject({
      to: 'closed',
    });
  });
});
