// The trend of red / yellow / green over a plan year, from the colour history (task_health_history): for
// each month that has ended, how many of the year's tasks had each colour at its last day, as the history
// recorded it then. Ended months do not change, so a daily job settles them into task_health_months
// (per region, so any subtree sums a few hundred rows); until it has run for a year, the dashboard works
// the months out from the history itself (slower, the same numbers). Today's point is not a month end:
// it is read live from the counters by the dashboard service.
import { z } from 'zod';
import { toTimestamp } from '../../core/clock.ts';
import { defineJob, defineSchedule } from '../../core/jobs/job.define.ts';
import type { Services } from '../../core/services.ts';
import type { Kysely } from 'kysely';
import type { Database, Health } from '../../db/schema.ts';
import {
  findSettled,
  listHistoryOfYear,
  listTaskYears,
  replaceSettledMonths,
  sumSettledMonths,
} from './dashboard.repository.ts';

type Colour = Exclude<Health, 'none'>;
export const COLOURS: readonly Colour[] = ['red', 'yellow', 'green'];

const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = (year: number, month: number) =>
  `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;

/** The months of a plan year that have ended by `today` (a Shanghai date): 12 for a past year. */
export function endedMonths(year: number, today: string): number {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  if (year < y) return 12;
  if (year > y) return 0;
  return m - 1;
}

interface HistoryRow {
  task_id: number;
  at: string;
  health: Health;
  region_path: string;
}

/**
 * Month-end colours from history rows ordered by task then time: a task has the colour of its last change
 * on or before the month's last day (timestamps are stored at +08:00, so their date is Shanghai's), and
 * none before its first. Keyed month|region_path|colour.
 */
export function monthEndColours(rows: readonly HistoryRow[], year: number, throughMonth: number) {
  const out = new Map<string, number>();
  const ends = Array.from({ length: throughMonth }, (_, i) => monthEnd(year, i + 1));
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j < rows.length && rows[j]!.task_id === rows[i]!.task_id) j++;
    let k = i - 1;
    ends.forEach((end, index) => {
      while (k + 1 < j && rows[k + 1]!.at.slice(0, 10) <= end) k++;
      const health = k >= i ? rows[k]!.health : 'none';
      if (health === 'none') return;
      const key = `${index + 1}|${rows[i]!.region_path}|${health}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    });
    i = j;
  }
  return out;
}

export interface TrendMonth {
  month: number;
  counts: Record<Colour, number>;
}

/** The ended months of the year for a subtree: settled when the job has run that far, else worked out. */
export async function monthsOfYear(
  s: Services,
  path: string,
  year: number,
  today: string,
): Promise<TrendMonth[]> {
  const through = endedMonths(year, today);
  if (through === 0) return [];
  const months: TrendMonth[] = Array.from({ length: through }, (_, i) => ({
    month: i + 1,
    counts: { red: 0, yellow: 0, green: 0 },
  }));
  const settled = await findSettled(s.db.kysely, year);
  if (settled && settled.through_month >= through) {
    for (const r of await sumSettledMonths(s.db.kysely, path, year, through))
      if (r.health !== 'none') months[r.month - 1]!.counts[r.health] += r.n;
    return months;
  }
  const rows = await listHistoryOfYear(s.db.kysely, path, year);
  for (const [key, n] of monthEndColours(rows, year, through)) {
    const [month, , health] = key.split('|') as [string, string, Colour];
    months[Number(month) - 1]!.counts[health] += n;
  }
  return months;
}

/**
 * Settles the ended months of every plan year with tasks: the current and last year each night (a task
 * moved to another region takes its history along), older years once they are settled to December.
 */
export async function settleTrend(db: Kysely<Database>, now: Date): Promise<{ years: number[] }> {
  const today = toTimestamp(now).slice(0, 10);
  const thisYear = Number(today.slice(0, 4));
  const settledYears: number[] = [];
  for (const year of await listTaskYears(db)) {
    const through = endedMonths(year, today);
    if (through === 0) continue;
    const settled = await findSettled(db, year);
    if (settled && settled.through_month >= through && year < thisYear - 1) continue;
    const rows = await listHistoryOfYear(db, null, year);
    const levels = [...monthEndColours(rows, year, through)].map(([key, n]) => {
      const [month, region_path, health] = key.split('|') as [string, string, Colour];
      return { month: Number(month), region_path, health, n };
    });
    await db
      .transaction()
      .execute((trx) => replaceSettledMonths(trx, year, through, levels, toTimestamp(now)));
    settledYears.push(year);
  }
  return { years: settledYears };
}

export const dashboardTrend = defineJob({
  kind: 'dashboard.trend',
  payload: z.object({}).strict(),
  leaseMs: 30 * 60_000,
  run: async (s) => {
    await settleTrend(s.db.kysely, s.clock.now());
  },
});

// 01:30 in Shanghai, after tasks.daily (00:30) has recoloured the tasks for the new day.
export const dashboardTrendSchedule = defineSchedule({
  job: dashboardTrend,
  cron: '30 1 * * *',
  timezone: 'Asia/Shanghai',
  payload: () => ({}),
  key: (occurrence) => `dashboard.trend:${toTimestamp(occurrence).slice(0, 10)}`,
});
