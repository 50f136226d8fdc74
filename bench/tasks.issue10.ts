// Issue 10's rows of `npm run bench:tasks` (bench/tasks.bench.ts): its lists (活动 events, the 结对 ledger,
// people short of 学时) and statistics (活动 totals, 结对 statistics, 培训 per unit), held to the case rows'
// goals (lists p95 under 25 ms, statistics under 50 ms).
import type { Target } from './http.bench.ts';

const ISSUE10_LIST = { p95GoalMs: 25 };
const ISSUE10_STATS = { p95GoalMs: 50 };

/**
 * Issue 10: the 品牌活动 event list's first page (50, newest first, as the web list asks it) and the outcome
 * totals (province and city staff), the 结对 ledger and its
 * statistics by city (province staff and the provincial 工商联's contact), and the 培训 per-unit summary and
 * the people short of their hours (province staff), this year.
 */
export function issue10Targets(
  app: string,
  y: number,
  who: Record<'province' | 'city' | 'federation', string>,
) {
  const { province, city, federation } = who;
  const events = `${app}/api/activity-events?year=${y}`;
  const totals = `${app}/api/activity-totals?year=${y}`;
  const ledger = `${app}/api/pairings?year=${y}&limit=20`;
  const stats = `${app}/api/pairings/statistics?year=${y}&area=37`;
  return [
    { name: '活动 events: province staff', url: events, cookie: province, ...ISSUE10_LIST },
    { name: '活动 events: city staff', url: events, cookie: city, ...ISSUE10_LIST },
    { name: '活动 totals: province staff', url: totals, cookie: province, ...ISSUE10_STATS },
    { name: '活动 totals: city staff', url: totals, cookie: city, ...ISSUE10_STATS },
    { name: '结对 ledger: province staff', url: ledger, cookie: province, ...ISSUE10_LIST },
    { name: '结对 ledger: 工商联 contact', url: ledger, cookie: federation, ...ISSUE10_LIST },
    { name: '结对 stats: province staff', url: stats, cookie: province, ...ISSUE10_STATS },
    { name: '结对 stats: 工商联 contact', url: stats, cookie: federation, ...ISSUE10_STATS },
    {
      name: '培训 per unit: province staff',
      url: `${app}/api/training/units?year=${y}`,
      cookie: province,
      ...ISSUE10_STATS,
    },
    {
      name: '培训 short of hours: province',
      url: `${app}/api/training/people?year=${y}&short=true`,
      cookie: province,
      ...ISSUE10_LIST,
    },
  ] satisfies Array<Target & { p95GoalMs: number }>;
}
