// Alignment (对应): compare two plans, suggest and confirm an item's alignment, the coverage matrix.
import { z } from 'zod';
import { itemRefSchema, planSummarySchema } from '../plan.schemas.ts';
import { rowId } from '../../../core/http/row-id.ts';

const diffSegment = z
  .object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })
  .meta({ id: 'DiffSegment' });
const compareItem = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    ord: z.number().int(),
    position: z.number().int(),
    number: z.string().nullable(),
    heading: z.string(),
    body: z.string(),
  })
  .meta({ id: 'CompareItem' });

export const compareSchema = z
  .object({
    left: planSummarySchema,
    right: planSummarySchema,
    summary: z.object({
      matched: z.number().int(),
      changed: z.number().int(),
      added: z.number().int(),
      removed: z.number().int(),
      moved: z.number().int(),
      leftItems: z.number().int(),
      rightItems: z.number().int(),
    }),
    entries: z.array(
      z.object({
        kind: z.enum(['matched', 'changed', 'added', 'removed']),
        moved: z.enum(['parent', 'order']).nullable().describe('parent：换了上级条目；order：同级顺序变化'),
        score: z.number().nullable().describe('文本相似度（Dice，0–1）'),
        left: compareItem.nullable(),
        right: compareItem.nullable(),
        diff: z.object({ heading: z.array(diffSegment), body: z.array(diffSegment) }).nullable(),
      }),
    ),
  })
  .meta({ id: 'PlanComparison' });

export const compareQuery = z.strictObject({
  left: rowId,
  right: rowId,
});

export const suggestionsSchema = z.object({
  items: z.array(itemRefSchema.extend({ score: z.number(), current: z.boolean() })),
});

export const alignmentBody = z.strictObject({ targetItemId: z.number().int().positive().nullable() });
export const alignmentSchema = z
  .object({
    itemId: z.number().int(),
    alignedTo: itemRefSchema.nullable(),
    planVersion: z.number().int().describe('工作要点的新版本号（同 ETag）'),
  })
  .meta({ id: 'ItemAlignment' });

export const coverageSchema = z
  .object({
    plan: planSummarySchema,
    regions: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        level: z.string(),
        groupCode: z.string().describe('所属的直接下级地区（省级要点：所属市）'),
        hasPublishedPlan: z.boolean(),
        alignedItems: z.number().int(),
        coveredItems: z.number().int(),
      }),
    ),
    groups: z.array(z.object({ code: z.string(), name: z.string(), regionCodes: z.array(z.string()) })),
    items: z.array(
      z.object({
        itemId: z.number().int(),
        number: z.string().nullable(),
        heading: z.string(),
        depth: z.number().int(),
        counts: z.array(z.number().int()).describe('与 regions 顺序一致的对应条目数'),
        total: z.number().int(),
        regionsCovered: z.number().int(),
        regionsMissing: z.number().int(),
      }),
    ),
    totals: z.object({
      items: z.number().int(),
      regions: z.number().int(),
      alignedItems: z.number().int(),
      coveredItems: z.number().int(),
      uncoveredItems: z.number().int(),
    }),
  })
  .meta({ id: 'PlanCoverage' });

export const coverageItemSchema = z
  .object({
    plan: planSummarySchema,
    itemId: z.number().int(),
    items: z.array(itemRefSchema.extend({ direct: z.boolean(), viaItemId: z.number().int().nullable() })),
  })
  .meta({ id: 'ItemCoverage' });
