import { z } from 'zod';
import { planItemFields, planSummarySchema } from './plan.schemas.ts';

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
    ...planItemFields,
    childCount: z.number().int(),
  }),
  ancestors: z.array(z.object({ id: z.number().int(), number: z.string().nullable(), heading: z.string() })),
  alignedTo: itemRefSchema.nullable().describe('本条目对应（落实）的上级条目'),
  alignedFrom: z.array(itemRefSchema).describe('对应到本条目的下级条目（可见范围内）'),
});

const diffSegment = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
const compareItem = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  ord: z.number().int(),
  position: z.number().int(),
  number: z.string().nullable(),
  heading: z.string(),
  body: z.string(),
});

export const compareSchema = z.object({
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
});

export const compareQuery = z.strictObject({
  left: z.coerce.number().int().positive(),
  right: z.coerce.number().int().positive(),
});

export const suggestionsSchema = z.object({
  items: z.array(itemRefSchema.extend({ score: z.number(), current: z.boolean() })),
});

export const alignmentBody = z.strictObject({ targetItemId: z.number().int().positive().nullable() });
export const alignmentSchema = z.object({
  itemId: z.number().int(),
  alignedTo: itemRefSchema.nullable(),
  planVersion: z.number().int().describe('工作要点的新版本号（同 ETag）'),
});

export const coverageSchema = z.object({
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
});

export const coverageItemSchema = z.object({
  plan: planSummarySchema,
  itemId: z.number().int(),
  items: z.array(itemRefSchema.extend({ direct: z.boolean(), viaItemId: z.number().int().nullable() })),
});

export const searchQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const searchSchema = z.object({
  tokens: z.array(z.string()).describe('查询分词结果；每个词都须出现'),
  items: z.array(
    z.object({
      itemId: z.number().int(),
      planId: z.number().int(),
      planTitle: z.string(),
      planStatus: z.enum(['draft', 'published']),
      region: z.object({ code: z.string(), name: z.string() }),
      year: z.number().int(),
      number: z.string().nullable(),
      heading: z.string(),
      snippet: z.string(),
      highlights: z.array(z.object({ start: z.number().int(), length: z.number().int() })),
    }),
  ),
  nextCursor: z.string().nullable(),
});

interface OutlineNodeOut {
  number: string | null;
  heading: string;
  body: string;
  lead: string[];
  cooperating: string[];
  brandActivities: string[];
  proposedTasks: Array<{ text: string; suggestedLead: string | null }>;
  children: OutlineNodeOut[];
}
const outlineNodeOut: z.ZodType<OutlineNodeOut> = z.object({
  number: z.string().nullable(),
  heading: z.string(),
  body: z.string(),
  lead: z.array(z.string()),
  cooperating: z.array(z.string()),
  brandActivities: z.array(z.string()),
  proposedTasks: z.array(z.object({ text: z.string(), suggestedLead: z.string().nullable() })),
  get children() {
    return z.array(outlineNodeOut);
  },
});
const outlineOutSchema = z.object({
  title: z.string(),
  year: z.number().int().nullable(),
  preamble: z.string(),
  closing: z.string(),
  nodes: z.array(outlineNodeOut),
  brandActivities: z.array(z.string()),
  removed: z.array(z.string()),
  warnings: z.array(z.object({ message: z.string(), offset: z.number().int() })),
});

export const previewSchema = z.object({
  text: z.string().describe('解码后的原文；warnings 的 offset 指向此文本'),
  outline: outlineOutSchema.describe('解析结果，可编辑后作为 POST /api/plans 的 outline'),
});
