// 民主监督 projects' API shapes.
import { z } from 'zod';
import { dateField, textField } from '../engine/bodies.ts';
import { RATINGS } from '../engine/vocabulary.ts';
import { caseSummarySchema } from '../case.schemas.ts';
import { rowId } from '../../../core/http/row-id.ts';

export const projectIdParam = z.strictObject({ id: rowId });

export const projectCreateBody = z.strictObject({
  topic: textField('监督主题', 200),
  scope: textField('监督范围', 4000),
  periodFrom: dateField('监督期开始'),
  periodTo: dateField('监督期结束'),
  partyUnitId: z.number({ error: '请选择承担监督的民主党派' }).int().positive(),
  agencyUnitId: z.number({ error: '请选择被监督单位' }).int().positive(),
  // Omitted: the staff's own region.
  regionCode: z.string().max(12).optional(),
});

export const projectRateBody = z.strictObject({
  rating: z.enum(RATINGS, { error: '请选择评价：满意、基本满意或不满意' }),
  comment: z.string().trim().max(2000).optional(),
});

export const projectCloseBody = z.strictObject({ summary: textField('监督工作总结', 20000) });

export const projectListQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  state: z.enum(['open', 'closed']).optional(),
});

const labelledRating = z
  .object({ rating: z.enum(RATINGS), label: z.string(), comment: z.string().nullable() })
  .nullable();

export const projectSchema = z.object({
  id: z.number(),
  year: z.number(),
  regionCode: z.string(),
  regionName: z.string(),
  topic: z.string(),
  scope: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  partyUnitId: z.number(),
  partyUnitName: z.string(),
  agencyUnitId: z.number(),
  agencyUnitName: z.string(),
  state: z.enum(['open', 'closed']),
  stateLabel: z.string(),
  summary: z.string().nullable(),
  // The party's rating of the agency, and the agency's of the party (双向评价).
  partyRating: labelledRating,
  agencyRating: labelledRating,
  closedAt: z.string().nullable(),
  version: z.number(),
  reportCount: z.number(),
});

export const projectDetailSchema = projectSchema.extend({
  reports: z.array(caseSummarySchema),
  // What the current user may do: the party rates the agency, the agency the party, staff close it.
  actions: z.object({
    rateAgency: z.boolean(),
    rateParty: z.boolean(),
    close: z.boolean(),
    report: z.boolean(),
  }),
});
