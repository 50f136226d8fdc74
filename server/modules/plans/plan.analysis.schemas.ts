import { z } from 'zod';
import { planSummarySchema, proposedTaskSchema } from './plan.schemas.ts';

export const itemRefSchema = z.object({
  itemId: z.number().int(),
  planId: z.number().int(),
  number: z.string().nullable(),
  heading: z.string(),
  region: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  planTitle: z.string(),
});

export const planItemDetailSchema = z.object({
  plan: planSummarySchema,
  item: z.object({
    id: z.number().int(),
    number: z.string().nullable(),
    heading: z.string(),
    body: z.string(),
    lead: z.array(z.string()),
    cooperating: z.array(z.string()),
    brandActivities: z.array(z.string()),
    proposedTasks: z.array(proposedTaskSchema),
    alignedTo: z.object({ itemId: z.number().int(), alignedAt: z.string().nullable() }).nullable(),
    childCount: z.number().int(),
  }),
  ancestors: z.array(z.object({ id: z.number().int(), number: z.string().nullable(), heading: z.string() })),
  alignedTo: itemRefSchema.nullable().describe('本条目对应（落实）的上级条目'),
  alignedFrom: z.array(itemRefSchema).describe('对应到本条目的下级条目（可见范围内）'),
});
