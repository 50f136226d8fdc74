// The statistics' API shapes.
import { z } from 'zod';
import { CASE_TYPES, INSTRUCTION_LEVELS } from '../engine/vocabulary.ts';

export const caseStatsQuery = z.strictObject({
  type: z.enum(CASE_TYPES, { error: '请选择事项类型' }),
  year: z.coerce.number().int().min(2000).max(2100),
  // A region and everything below it; omitted, everything the reader sees.
  regionCode: z.string().max(12).optional(),
});
export type CaseStatsQuery = z.infer<typeof caseStatsQuery>;

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

export const caseStatsSchema = z.object({
  type: z.enum(CASE_TYPES),
  typeLabel: z.string(),
  year: z.number(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  totals: figures,
  byOrganisation: z.array(figures.extend({ id: z.number(), name: z.string() })),
  byDepartment: z.array(figures.extend({ id: z.number(), name: z.string() })),
  bySubtype: z.array(figures.extend({ subtype: z.string(), label: z.string() })),
  instructionsByLevel: z.array(
    z.object({ level: z.enum(INSTRUCTION_LEVELS), label: z.string(), count: z.number() }),
  ),
});
export type CaseStats = z.infer<typeof caseStatsSchema>;
