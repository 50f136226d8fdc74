// What each figure of the statistics counts, as one SQL condition on a case (`cases as c`): the statistics
// sum these conditions and the case list filters by the same ones, so a figure and the list it opens hold
// the same cases (docs/decisions/case-statistics-click-through.md).
import { sql, type RawBuilder } from 'kysely';

export const ANSWERED_FILTERS = ['yes', 'no', 'onTime', 'late'] as const;
export type AnsweredFilter = (typeof ANSWERED_FILTERS)[number];
// The three ratings, and the two sets the satisfaction rate is made of (满意或基本满意 over 已评价).
export const SATISFACTION_FILTERS = [
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'positive',
  'rated',
] as const;
export type SatisfactionFilter = (typeof SATISFACTION_FILTERS)[number];

// answered_on_time is written with answered_at (the first answer, actions/steps.handling.ts): 1 or 0.
export const FIGURE = {
  submitted: sql<boolean>`c.state <> 'draft'`,
  accepted: sql<boolean>`(c.accepted_at is not null or c.forwarded_at is not null)`,
  answered: sql<boolean>`c.answered_at is not null`,
  onTime: sql<boolean>`c.answered_on_time = 1`,
  late: sql<boolean>`c.answered_on_time = 0`,
  adopted: sql<boolean>`c.adopted = 1`,
  key: sql<boolean>`c.is_key = 1`,
  satisfied: sql<boolean>`c.satisfaction = 'satisfied'`,
  basicallySatisfied: sql<boolean>`c.satisfaction = 'basically_satisfied'`,
  unsatisfied: sql<boolean>`c.satisfaction = 'unsatisfied'`,
} as const;

const not = (e: RawBuilder<boolean>) => sql<boolean>`not (${e})`;
const yes = (e: RawBuilder<boolean>, on: boolean) => (on ? e : not(e));

export function answeredCondition(a: AnsweredFilter) {
  switch (a) {
    case 'yes':
      return FIGURE.answered;
    case 'no':
      return not(FIGURE.answered);
    case 'onTime':
      return FIGURE.onTime;
    case 'late':
      return FIGURE.late;
  }
}

export function satisfactionCondition(v: SatisfactionFilter) {
  switch (v) {
    case 'satisfied':
      return FIGURE.satisfied;
    case 'basically_satisfied':
      return FIGURE.basicallySatisfied;
    case 'unsatisfied':
      return FIGURE.unsatisfied;
    case 'positive':
      return sql<boolean>`c.satisfaction in ('satisfied', 'basically_satisfied')`;
    case 'rated':
      return sql<boolean>`c.satisfaction in ('satisfied', 'basically_satisfied', 'unsatisfied')`;
  }
}

/** A true/false filter on one figure's condition (false: the cases the figure does not count). */
export const flagCondition = (figure: keyof typeof FIGURE, on: boolean) => yes(FIGURE[figure], on);
