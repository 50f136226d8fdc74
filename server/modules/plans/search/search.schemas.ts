// Search (检索) over the plan items a reader can see.
import { z } from 'zod';
import { planStatus } from '../plan.schemas.ts';

export const searchQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const searchSchema = z
  .object({
    tokens: z.array(z.string()).describe('查询分词结果；每个词都须出现'),
    items: z.array(
      z.object({
        itemId: z.number().int(),
        planId: z.number().int(),
        planTitle: z.string(),
        planStatus,
        region: z.object({ code: z.string(), name: z.string() }),
        year: z.number().int(),
        number: z.string().nullable(),
        heading: z.string(),
        snippet: z.string(),
        highlights: z.array(z.object({ start: z.number().int(), length: z.number().int() })),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'SearchResult' });
