// The statistics' figures from the grouped sums, and the arithmetic that keeps a breakdown adding up to
// the totals: counts are summed and subtracted as integers, rates worked out again from the sums.
import type { Figures } from './stats.schemas.ts';

export type Sums = {
  submitted: number | string;
  accepted: number | string;
  answered: number | string;
  on_time: number | string;
  satisfied: number | string;
  basically: number | string;
  unsatisfied: number | string;
  adopted: number | string;
  key_cases: number | string;
};

const COUNTS = [
  'submitted',
  'accepted',
  'answered',
  'answeredOnTime',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'adopted',
  'key',
] as const;
type Counts = Record<(typeof COUNTS)[number], number>;

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

function withRates(c: Counts): Figures {
  const rated = c.satisfied + c.basicallySatisfied + c.unsatisfied;
  return {
    submitted: c.submitted,
    accepted: c.accepted,
    answered: c.answered,
    answeredOnTime: c.answeredOnTime,
    onTimeRate: rate(c.answeredOnTime, c.answered),
    satisfied: c.satisfied,
    basicallySatisfied: c.basicallySatisfied,
    unsatisfied: c.unsatisfied,
    satisfactionRate: rate(c.satisfied + c.basicallySatisfied, rated),
    adopted: c.adopted,
    key: c.key,
  };
}

export function figuresOf(r: Sums): Figures {
  const num = (v: number | string | null) => Number(v ?? 0);
  return withRates({
    submitted: num(r.submitted),
    accepted: num(r.accepted),
    answered: num(r.answered),
    answeredOnTime: num(r.on_time),
    satisfied: num(r.satisfied),
    basicallySatisfied: num(r.basically),
    unsatisfied: num(r.unsatisfied),
    adopted: num(r.adopted),
    key: num(r.key_cases),
  });
}

/** The figures of these rows together. */
export function sumOf(rows: readonly Figures[]): Figures {
  const c = Object.fromEntries(COUNTS.map((k) => [k, 0])) as Counts;
  for (const r of rows) for (const k of COUNTS) c[k] += r[k];
  return withRates(c);
}

/** What the totals hold beyond these rows (a breakdown's cases without a unit); null when nothing. */
export function remainder(totals: Figures, rows: readonly Figures[]): Figures | null {
  const all = sumOf(rows);
  const c = Object.fromEntries(COUNTS.map((k) => [k, totals[k] - all[k]])) as Counts;
  return c.submitted === 0 ? null : withRates(c);
}
