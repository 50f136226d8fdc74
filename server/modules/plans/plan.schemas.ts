import { z } from 'zod';
import { MAX_NODES } from './plan.tree.ts';
import type { OutlineNode } from './plan.tree.ts';
import { rowId } from '../../core/http/row-id.ts';

// repealed (已废止): no longer in force, kept for the record and still read by the regions below.
export const planStatus = z.enum(['draft', 'published', 'repealed']).meta({ id: 'PlanStatus' });
const regionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字（GB/T 2260）');
const year = z.number().int().min(2000).max(2100);
const unitList = z.array(z.string().trim().min(1).max(100)).max(50);
const nameList = z.array(z.string().trim().min(1).max(200)).max(100);

const proposedTaskSchema = z
  .strictObject({
    text: z.string().max(5000),
    suggestedLead: z.string().max(100).nullable(),
  })
  .meta({ id: 'ProposedTask' });

// One outline node, recursive. `id` keeps an existing item (and its alignment); leave it out for a new one.
export const outlineNodeSchema: z.ZodType<OutlineNode> = z
  .strictObject({
    id: z.number().int().positive().optional(),
    number: z.string().max(40).nullable(),
    heading: z.string().max(1000),
    body: z.string().max(50_000),
    lead: unitList,
    cooperating: unitList,
    brandActivities: nameList,
    proposedTasks: z.array(proposedTaskSchema).max(200),
    get children() {
      return z.array(outlineNodeSchema).max(MAX_NODES);
    },
  })
  .meta({ id: 'OutlineNode' });

const warningSchema = z
  .strictObject({
    message: z.string().max(1000),
    offset: z.number().int().min(0),
  })
  .meta({ id: 'PlanWarning' });

// An outline as the parser produces it (PlanOutline) and as the review screen sends it back.
export const outlineSchema = z
  .strictObject({
    title: z.string().max(200),
    year: year.nullable(),
    preamble: z.string().max(100_000),
    closing: z.string().max(100_000),
    nodes: z.array(outlineNodeSchema).max(MAX_NODES),
    brandActivities: nameList,
    removed: z.array(z.string().max(10_000)).max(2000),
    warnings: z.array(warningSchema).max(2000),
  })
  .meta({ id: 'Outline' });
export type OutlineInput = z.infer<typeof outlineSchema>;

export const planCreateBody = z.strictObject({
  regionCode,
  year,
  title: z.string().trim().min(2).max(200),
  outline: outlineSchema,
  sourceText: z.string().max(1_000_000),
});

export const outlineUpdateBody = z.strictObject({
  title: z.string().trim().min(2).max(200).optional(),
  outline: outlineSchema,
});

export const itemUpdateBody = z.strictObject({
  heading: z.string().max(1000).optional(),
  body: z.string().max(50_000).optional(),
  lead: unitList.optional(),
  cooperating: unitList.optional(),
});

export const planIdParam = z.strictObject({ id: rowId });
export const itemParams = z.strictObject({
  id: rowId,
  itemId: rowId,
});
export const versionParams = z.strictObject({
  id: rowId,
  no: rowId,
});

const regionRef = z.object({ code: z.string(), name: z.string(), level: z.string() });

export const planSummarySchema = z
  .object({
    id: z.number().int(),
    region: regionRef,
    year: z.number().int(),
    title: z.string(),
    status: planStatus,
    version: z.number().int(),
    itemCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    revisionOf: z.number().int().nullable().describe('修订稿：所修订的已发布工作要点的 id'),
  })
  .meta({ id: 'PlanSummary' });

export interface PlanItemOut extends OutlineNode {
  id: number;
  alignedTo: { itemId: number; alignedAt: string | null } | null;
  children: PlanItemOut[];
}

// The fields of a saved item, as the plan tree and the item detail both answer them.
const planItemFields = {
  id: z.number().int(),
  number: z.string().nullable(),
  heading: z.string(),
  body: z.string(),
  lead: z.array(z.string()),
  cooperating: z.array(z.string()),
  brandActivities: z.array(z.string()),
  proposedTasks: z.array(z.object({ text: z.string(), suggestedLead: z.string().nullable() })),
  alignedTo: z.object({ itemId: z.number().int(), alignedAt: z.string().nullable() }).nullable(),
};

const planItemSchema: z.ZodType<PlanItemOut> = z
  .object({
    ...planItemFields,
    get children() {
      return z.array(planItemSchema);
    },
  })
  .meta({ id: 'PlanItem' });

/** What readers of a plan are told about its last revision, withdrawal (撤回) or repeal (废止). */
export const planNoticeSchema = z
  .object({
    kind: z.enum(['revised', 'withdrawn', 'repealed']),
    at: z.string(),
    by: z.string().nullable(),
    version: z.number().int(),
    reason: z.string().nullable(),
    changes: z
      .object({
        changed: z.number().int(),
        added: z.number().int(),
        removed: z.number().int(),
        moved: z.number().int(),
      })
      .nullable(),
    regionsTold: z.array(z.string()),
  })
  .meta({ id: 'PlanNotice' });

export const planDetailSchema = planSummarySchema
  .extend({
    preamble: z.string(),
    closing: z.string(),
    brandActivities: z.array(z.string()),
    removed: z.array(z.string()),
    warnings: z.array(z.object({ message: z.string(), offset: z.number().int() })),
    notice: planNoticeSchema.nullable().describe('最近一次修订、撤回或废止的说明（向下级地区的通知）'),
    revision: z
      .object({ id: z.number().int(), version: z.number().int(), updatedAt: z.string() })
      .nullable()
      .describe('未发布的修订稿（仅本地区及上级工作人员可见）'),
    items: z.array(planItemSchema),
  })
  .meta({ id: 'PlanDetail' });

export const reasonBody = z.strictObject({
  reason: z.string().trim().min(2, '请填写原因（至少 2 个字）').max(500),
});

export const versionDetailSchema = z
  .object({
    no: z.number().int(),
    action: z.string(),
    title: z.string(),
    status: planStatus,
    itemCount: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    preamble: z.string(),
    closing: z.string(),
    items: z.array(outlineNodeSchema),
  })
  .meta({ id: 'PlanVersionDetail' });

export const versionSchema = z
  .object({
    no: z.number().int(),
    action: z.string(),
    title: z.string(),
    status: planStatus,
    itemCount: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'PlanVersion' });

export const itemRefSchema = z
  .object({
    itemId: z.number().int(),
    planId: z.number().int(),
    number: z.string().nullable(),
    heading: z.string(),
    region: z.object({ code: z.string(), name: z.string() }),
    year: z.number().int(),
    planTitle: z.string(),
  })
  .meta({ id: 'ItemRef' });

export const planItemDetailSchema = z
  .object({
    plan: planSummarySchema,
    item: z.object({
      ...planItemFields,
      childCount: z.number().int(),
    }),
    ancestors: z.array(
      z.object({ id: z.number().int(), number: z.string().nullable(), heading: z.string() }),
    ),
    alignedTo: itemRefSchema.nullable().describe('本条目对应（落实）的上级条目'),
    alignedFrom: z.array(itemRefSchema).describe('对应到本条目的下级条目（可见范围内）'),
  })
  .meta({ id: 'PlanItemDetail' });

const unitRefSchema = z.object({ id: z.number().int(), name: z.string() });

export const taskSuggestionsSchema = z
  .object({
    items: z.array(
      z
        .object({
          text: z.string(),
          title: z.string(),
          suggestedLead: z.string().nullable(),
          // The suggested lead as a unit of the plan's region, and how it was found; null when no unit
          // (or more than one) matches: the person chooses, from the candidates or any unit.
          leadUnit: unitRefSchema.nullable(),
          resolvedBy: z.enum(['exact', 'alias', 'keyword']).nullable(),
          candidates: z.array(unitRefSchema),
        })
        .meta({ id: 'TaskSuggestion' }),
    ),
  })
  .meta({ id: 'TaskSuggestions' });
