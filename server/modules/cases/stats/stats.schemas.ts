// The statistics' API shapes.
import { z } from 'zod';
import { CASE_TYPES, INSTRUCTION_LEVELS } from '../engine/vocabulary.ts';

/**
 * How many submitting organisations / handling departments the statistics answer names; the rest are
 * summed into one 其他 row and listed in full, a page at a time, by the breakdown route
 * (docs/decisions/case-statistics-top-n.md).
 */
export const STATS_TOP = 20;
const STATS_MAX_PAGE_SIZE = 100;
// 600 organisations at the smallest page are 600 pages; nothing past this is ever a real page.
const STATS_MAX_PAGE = 10_000;

export const caseStatsQuery = z.strictObject({
  type: z.enum(CASE_TYPES, { error: '请选择事项类型' }),
  year: z.coerce.number().int().min(2000).max(2100),
  // A region and everything below it; omitted, everything the reader sees.
  regionCode: z.string().max(12).optional(),
});
export type CaseStatsQuery = z.infer<typeof caseStatsQuery>;

const STATS_BREAKDOWNS = ['organisation', 'department'] as const;
export type StatsBreakdown = (typeof STATS_BREAKDOWNS)[number];
const STATS_SORTS = ['submitted', 'answered', 'adopted', 'onTimeRate', 'satisfactionRate'] as const;
export type StatsSort = (typeof STATS_SORTS)[number];

export const caseStatsBreakdownQuery = caseStatsQuery.extend({
  by: z.enum(STATS_BREAKDOWNS, { error: '请选择按提交单位或承办单位分列' }),
  // Largest first (a rate: highest first, none last); ties by the unit's id.
  sort: z.enum(STATS_SORTS, { error: '排序方式无效' }).default('submitted'),
  page: z.coerce
    .number({ error: '页码应为数字' })
    .int()
    .min(1, { error: '页码从 1 开始' })
    .max(STATS_MAX_PAGE, { error: `页码不能超过 ${STATS_MAX_PAGE}` })
    .default(1),
  pageSize: z.coerce
    .number({ error: '每页条数应为数字' })
    .int()
    .min(1, { error: '每页至少 1 条' })
    .max(STATS_MAX_PAGE_SIZE, { error: `每页不能超过 ${STATS_MAX_PAGE_SIZE} 条` })
    .default(20),
});
export type CaseStatsBreakdownQuery = z.infer<typeof caseStatsBreakdownQuery>;

const figures = z.object({
  submitted: z.number(),
  accepted: z.number(),
  answered: z.number(),
  answeredOnTime: z.number(),
  // Percent with one decimal; null when nothing was answered / rated.
  onTimeRate: z.number().nullable(),
  satisfied: z.number(),
  basicallySatisfied: z.number(),
  unsatisfied: z.number(),
  satisfactionRate: z.number().nullable(),
  adopted: z.number(),
  key: z.number(),
});
export type Figures = z.infer<typeof figures>;

const unitFigures = figures.extend({ id: z.number(), name: z.string() });
export type UnitFigures = z.infer<typeof unitFigures>;

// One breakdown as the statistics answer carries it: rows + others + unassigned add up to the totals.
const breakdownSummary = z.object({
  // The STATS_TOP largest by cases submitted (ties by id).
  rows: z.array(unitFigures),
  // The sum of every unit past the top (其他), and how many they are; null when there are none.
  others: figures.extend({ units: z.number() }).nullable(),
  // Cases with no unit on this side (a department: not forwarded yet); null when there are none.
  unassigned: figures.nullable(),
  // How many units in all (the breakdown route pages through them).
  units: z.number(),
});
export type BreakdownSummary = z.infer<typeof breakdownSummary>;

export const caseStatsSchema = z.object({
  type: z.enum(CASE_TYPES),
  typeLabel: z.string(),
  year: z.number(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  totals: figures,
  byOrganisation: breakdownSummary,
  byDepartment: breakdownSummary,
  bySubtype: z.array(figures.extend({ subtype: z.string(), label: z.string() })),
  // Cases with a 批示 of each level (a case with two of one level counts once).
  instructionsByLevel: z.array(
    z.object({ level: z.enum(INSTRUCTION_LEVELS), label: z.string(), count: z.number() }),
  ),
});
export type CaseStats = z.infer<typeof caseStatsSchema>;

export const caseStatsBreakdownSchema = z.object({
  by: z.enum(STATS_BREAKDOWNS),
  sort: z.enum(STATS_SORTS),
  page: z.number(),
  pageSize: z.number(),
  // Units in the whole breakdown (every page).
  total: z.number(),
  items: z.array(unitFigures),
  // As in the statistics answer: every page's items and this add up to the totals.
  unassigned: figures.nullable(),
  totals: figures,
});
export type CaseStatsBreakdown = z.infer<typeof caseStatsBreakdownSchema>;
