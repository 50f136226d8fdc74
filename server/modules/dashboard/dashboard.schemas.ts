import { z } from 'zod';
import { totalsAnswer } from '../activities/index.ts';
import { pairingTotalsSchema } from '../pairings/index.ts';

// The leader's dashboard (领导驾驶舱): its query and its answer. Every figure carries the list query that
// shows what it counts (GET /api/tasks parameters, or the not-yet-reported board's), so the page opens the
// list behind any number, and the tests prove the two agree.

export const dashboardQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional().meta({ title: '年度' }),
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '地区代码应为 6 位数字')
    .optional()
    .meta({ title: '地区' }),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const figure = z.object({
  count: z.number(),
  query: z.record(z.string(), z.string()).describe('打开的列表的筛选条件'),
});
export type Figure = z.infer<typeof figure>;

const colourFigures = z.object({ red: figure, yellow: figure, green: figure });

// One row of a breakdown (a plan section, a lead unit, a region): its tasks (assigned, in progress,
// completed; drafts and cancelled ones left out), the completed ones, the share completed and the colours.
const breakdownRow = z.object({
  key: z.string(),
  label: z.string(),
  total: figure,
  completed: figure,
  // Completed ÷ total, in whole percent; null when the row has no task.
  completion: z.number().nullable(),
  colours: colourFigures,
});
export type BreakdownRow = z.infer<typeof breakdownRow>;

const regionRef = z.object({ code: z.string(), name: z.string() });

export const dashboardSchema = z.object({
  year: z.number(),
  today: z.string(),
  region: regionRef,
  // From the reader's own region down to the one shown (the picker's trail).
  trail: z.array(regionRef),
  // The regions the picker offers next: those one level below the one shown.
  children: z.array(regionRef),
  overall: breakdownRow,
  bySection: z.array(breakdownRow),
  // Lead units with the most red, then yellow tasks; unitCount says how many units lead tasks at all.
  byUnit: z.object({ rows: z.array(breakdownRow), unitCount: z.number() }),
  // The region's own tasks (本级, key = its code) and each region one level below, with its subtree.
  byRegion: z.array(breakdownRow.extend({ own: z.boolean() })),
  redList: z.object({
    items: z.array(
      z.object({
        id: z.number(),
        title: z.string(),
        leadUnitName: z.string(),
        regionName: z.string(),
        dueDate: z.string(),
        progress: z.number(),
        reasons: z.array(z.string()),
      }),
    ),
    all: figure,
  }),
  // The not-yet-reported board's totals for the region and this period (the board's own default: the
  // latest month whose reports are past due, its end + 5 days); the figure opens the board (GET
  // /api/reports/missing with the query): reports not submitted, returned ones not yet fixed, and the
  // units they belong to.
  missingReports: z.object({
    period: z.string(),
    periodLabel: z.string(),
    missing: figure,
    returned: z.number(),
    units: z.number(),
  }),
  // 督办单 of the region's subtree (modules/notices): open ones, and of those the ones past their running
  // deadline (red); each opens the notice list (GET /api/notices with the query, paged).
  notices: z.object({ open: figure, overdue: figure }),
  // 批办 instructions of the region's subtree not yet confirmed done (modules/instructions); opens the
  // 批示办理 list (GET /api/instructions with the query, paged).
  instructions: z.object({ awaiting: figure }),
  // 品牌活动的成效 of the region's subtree in the year (modules/activities): totals and by brand; each figure
  // opens the outcome list (GET /api/activity-outcomes with regionCode and year).
  activities: totalsAnswer,
  // 万企兴万村 pairings approved in the region's subtree in the year (modules/pairings), as the reader sees
  // them; each figure opens the ledger (GET /api/pairings with the query).
  pairings: pairingTotalsSchema,
  trend: z.object({
    // Each month of the year that has ended: the tasks of each colour at its last day (colour history).
    months: z.array(
      z.object({
        month: z.number(),
        label: z.string(),
        red: z.number(),
        yellow: z.number(),
        green: z.number(),
      }),
    ),
    // Today's colours (a live count; opens the list), shown after the ended months.
    today: colourFigures,
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
