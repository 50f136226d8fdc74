// Comparisons the plans module answers itself — a revision against the published plan, a stored version
// against the current plan — in the shape of a plan comparison (alignment/alignment.schemas.ts).
import { z } from 'zod';
import { compareSchema } from './alignment/alignment.schemas.ts';
import { planSummarySchema, versionSchema } from './plan.schemas.ts';

export const revisionChangesSchema = compareSchema
  .extend({
    linksLost: z.number().int().describe('发布后将失去对应关系的下级条目数（对应到被删除条目的）'),
  })
  .meta({ id: 'RevisionChanges' });

export const versionCompareSchema = compareSchema
  .omit({ left: true, right: true })
  .extend({
    version: versionSchema,
    current: planSummarySchema,
  })
  .meta({ id: 'VersionComparison' });
