// The 品牌活动 API's shapes: brands, events (with their checklist and timeline), outcomes and totals.
// Every input is bounded: text lengths, list sizes, counts.
import { z } from 'zod';
import { WAN_PATTERN } from './activity.money.ts';
import { rowId } from '../../core/http/row-id.ts';

const NAME_MAX = 100;
const TEXT_MAX = 5_000;
const LIST_MAX = 50;
const COUNT_MAX = 1_000_000;
const EVENT_PAGE = 50;
const EVENT_PAGE_MAX = 100;

const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    '日期不存在',
  );
const regionCode = z.string().regex(/^\d{6}$/, '地区代码应为 6 位数字');
const id = z.number().int().positive();
const ids = z.array(id).max(LIST_MAX, `最多 ${LIST_MAX} 项`);
const text = (label: string, max = TEXT_MAX) => z.string().max(max, `${label}不超过 ${max} 字`);
const name = (label: string, max = NAME_MAX) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不超过 ${max} 字`);

export const idParams = z.strictObject({ id: rowId });
export const itemParams = z.strictObject({
  id: rowId,
  itemId: rowId,
});
export const evidenceParams = z.strictObject({
  id: rowId,
  // An id a row can have (an integer column): past it PostgreSQL refused the value itself, a 500.
  attachmentId: rowId,
});

// ——— totals ———
export const totalsSchema = z
  .object({
    events: z.number(),
    projects: z.number(),
    // 签约金额 (万元) as exact decimal text.
    amountWan: z.string(),
    talents: z.number(),
    enterprisesIn: z.number(),
    enterprisesOut: z.number(),
    villages: z.number(),
    others: z.number(),
  })
  .meta({ id: 'ActivityTotals' });
export type Totals = z.infer<typeof totalsSchema>;

export const totalsQuery = z.strictObject({
  brandId: rowId.optional(),
  planItemId: rowId.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  regionCode: regionCode.optional(),
});
export type TotalsQuery = z.infer<typeof totalsQuery>;

export const totalsAnswer = z.object({
  totals: totalsSchema,
  byBrandYear: z.array(
    z.object({
      brandId: z.number().nullable(),
      brandName: z.string(),
      year: z.number(),
      totals: totalsSchema,
    }),
  ),
});

// ——— brands ———
export const brandCreateBody = z.strictObject({
  name: name('品牌名称'),
  regionCode: regionCode.optional(),
  description: text('简介').optional(),
  planItemIds: ids.optional(),
  leadUnitIds: ids.optional(),
});
export const brandUpdateBody = brandCreateBody.omit({ regionCode: true }).partial();
export const brandImportBody = z.strictObject({ planId: id });

const ref = z.object({ id: z.number(), name: z.string() });
const brandFields = {
  id: z.number(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  source: z.enum(['plan', 'manual']),
  description: z.string(),
  planItems: z.array(
    z.object({ id: z.number(), heading: z.string(), planId: z.number(), planTitle: z.string() }),
  ),
  leadUnits: z.array(ref),
  totals: totalsSchema,
  version: z.number(),
};
export const brandSchema = z.object(brandFields).meta({ id: 'ActivityBrand' });
export const brandListSchema = z.object({ items: z.array(brandSchema) });
export const brandImportResult = z.object({
  created: z.number(),
  linked: z.number(),
  brands: z.array(brandSchema),
});

// ——— events ———
export const EVENT_STATES = ['planned', 'preparing', 'held', 'reviewed', 'closed'] as const;
export const STATE_LABELS = {
  planned: '计划中',
  preparing: '筹备中',
  held: '已举办',
  reviewed: '已复盘',
  closed: '已结束',
} as const;
// The lifecycle, one step at a time: planned → preparing → held → reviewed → closed.
export const NEXT_STATES: Record<(typeof EVENT_STATES)[number], (typeof EVENT_STATES)[number][]> = {
  planned: ['preparing'],
  preparing: ['held'],
  held: ['reviewed'],
  reviewed: ['closed'],
  closed: [],
};
const PARTICIPANT_KINDS = ['unit', 'party', 'enterprise', 'association', 'other'] as const;
const participantSchema = z.strictObject({
  kind: z.enum(PARTICIPANT_KINDS),
  name: name('参加单位名称', 200),
  count: z.number().int().min(0).max(COUNT_MAX).default(1),
});
export const participantsSchema = z.array(participantSchema).max(200, '参加单位最多 200 个');

const eventFieldsIn = {
  name: name('活动名称', 200),
  brandId: id.nullable().optional(),
  planItemId: id.nullable().optional(),
  taskId: id.nullable().optional(),
  startDate: dateString,
  endDate: dateString,
  placeRegionCode: regionCode,
  address: text('地点', 200).optional(),
  organiserUnitId: id,
  coOrganiserIds: ids.optional(),
  participants: participantsSchema.optional(),
  agenda: text('议程').optional(),
  summary: text('活动概况').optional(),
  attachmentIds: z.array(id).max(20, '每次最多附 20 个文件').optional(),
};
export const eventCreateBody = z.strictObject(eventFieldsIn);
export const eventUpdateBody = z.strictObject(eventFieldsIn).partial();
export type EventInput = z.infer<typeof eventUpdateBody>;

export const transitionBody = z.strictObject({
  to: z.enum(EVENT_STATES),
  // 复盘: what worked and what to improve; required to reach 'reviewed'.
  review: text('复盘').optional(),
  note: text('说明', 500).optional(),
});
export const checklistAddBody = z.strictObject({
  title: name('筹备事项', 200),
  ownerUnitId: id,
  dueDate: dateString,
});
export const checklistUpdateBody = z.strictObject({ done: z.boolean() });

export const eventListQuery = z.strictObject({
  brandId: rowId.optional(),
  planItemId: rowId.optional(),
  state: z.enum(EVENT_STATES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  regionCode: regionCode.optional(),
  q: z.string().max(50).optional(),
  // A page at a time, newest first (docs/decisions/activity-list-speed.md); the cursor is the last row's
  // start date and id, as the previous page answered it.
  limit: z.coerce.number().int().min(1).max(EVENT_PAGE_MAX).default(EVENT_PAGE),
  cursor: z.string().max(100).optional(),
});
export type EventListQuery = z.infer<typeof eventListQuery>;

const attachment = z.object({ id: z.number(), fileName: z.string(), size: z.number(), mime: z.string() });
const eventSummaryFields = {
  id: z.number(),
  name: z.string(),
  brandId: z.number().nullable(),
  brandName: z.string().nullable(),
  year: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  placeRegionCode: z.string(),
  placeRegionName: z.string(),
  organiserUnitId: z.number(),
  organiserUnitName: z.string(),
  state: z.enum(EVENT_STATES),
  stateLabel: z.string(),
  version: z.number(),
};
const eventSummarySchema = z.object(eventSummaryFields);
export const eventListSchema = z.object({
  items: z.array(eventSummarySchema),
  // The next page's cursor; null on the last page.
  nextCursor: z.string().nullable(),
  // Events of the filter (of the state asked for, if any) and per state without the state filter.
  total: z.number(),
  counts: z.record(z.string(), z.number()),
});

// ——— outcomes ———
const OUTCOME_KINDS = [
  'project',
  'talents',
  'enterprises_in',
  'enterprises_out',
  'villages',
  'other',
] as const;
export const OUTCOME_LABELS = {
  project: '签约项目',
  talents: '引进人才',
  enterprises_in: '引进企业',
  enterprises_out: '企业走出去',
  villages: '服务村庄',
  other: '其他指标',
} as const;
export const PROJECT_STATUSES = ['signed', 'started', 'producing', 'stalled', 'cancelled'] as const;
export const PROJECT_STATUS_LABELS = {
  signed: '已签约',
  started: '已开工',
  producing: '已投产',
  stalled: '停滞',
  cancelled: '已终止',
} as const;
const FOLLOWUP_KINDS = ['start', 'production', 'funding'] as const;
export const FOLLOWUP_LABELS = { start: '开工', production: '投产', funding: '资金到位' } as const;

const followUp = z.strictObject({
  kind: z.enum(FOLLOWUP_KINDS),
  dueDate: dateString,
  doneOn: dateString.nullable().optional(),
});
const outcomeFieldsIn = {
  kind: z.enum(OUTCOME_KINDS),
  // The project's name, the kind of talents (e.g. 高层次人才), or the other indicator's name.
  name: name('名称', 200),
  enterprise: text('企业名称', 200).optional(),
  amountWan: z.string().regex(WAN_PATTERN, '金额应为万元数，最多 6 位小数（如 1200.5）').optional(),
  stage: text('项目阶段', 20).optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  statusNote: text('状态说明', 500).optional(),
  regionCode: regionCode.optional(),
  quantity: z.number().int().min(0).max(COUNT_MAX).optional(),
  value: z
    .string()
    .regex(/^-?\d{1,12}(\.\d{1,6})?$/, '指标值应为数字，最多 6 位小数')
    .optional(),
  measureUnit: text('计量单位', 20).optional(),
  responsibleUnitId: id.nullable().optional(),
  taskIndicatorId: id.nullable().optional(),
  followUps: z
    .array(followUp)
    .max(3)
    .refine((l) => new Set(l.map((f) => f.kind)).size === l.length, '开工、投产、资金到位日期各填一个')
    .optional(),
  attachmentIds: z.array(id).max(20, '每次最多附 20 个文件').optional(),
};
export const outcomeCreateBody = z.strictObject(outcomeFieldsIn);
export const outcomeUpdateBody = z.strictObject(outcomeFieldsIn).omit({ kind: true }).partial();
export type OutcomeCreate = z.infer<typeof outcomeCreateBody>;
export type OutcomeUpdate = z.infer<typeof outcomeUpdateBody>;

export const outcomeListQuery = totalsQuery.extend({
  kind: z.enum(OUTCOME_KINDS).optional(),
  eventId: rowId.optional(),
});

export const outcomeSchema = z
  .object({
    id: z.number(),
    eventId: z.number(),
    eventName: z.string(),
    brandId: z.number().nullable(),
    year: z.number(),
    kind: z.enum(OUTCOME_KINDS),
    kindLabel: z.string(),
    name: z.string(),
    enterprise: z.string().nullable(),
    amountWan: z.string().nullable(),
    stage: z.string().nullable(),
    status: z.enum(PROJECT_STATUSES).nullable(),
    statusLabel: z.string().nullable(),
    regionCode: z.string(),
    regionName: z.string(),
    quantity: z.number(),
    value: z.string().nullable(),
    measureUnit: z.string().nullable(),
    responsibleUnitId: z.number().nullable(),
    responsibleUnitName: z.string().nullable(),
    taskIndicatorId: z.number().nullable(),
    followUps: z.array(
      z.object({
        kind: z.enum(FOLLOWUP_KINDS),
        label: z.string(),
        dueDate: z.string(),
        doneOn: z.string().nullable(),
      }),
    ),
    history: z.array(
      z.object({
        at: z.string(),
        status: z.string(),
        label: z.string(),
        note: z.string(),
        actorName: z.string().nullable(),
      }),
    ),
    attachments: z.array(attachment),
    version: z.number(),
  })
  .meta({ id: 'ActivityOutcome' });
export const outcomeListSchema = z.object({ items: z.array(outcomeSchema), totals: totalsSchema });

export const eventSchema = z
  .object({
    ...eventSummaryFields,
    planItemId: z.number().nullable(),
    planItemHeading: z.string().nullable(),
    taskId: z.number().nullable(),
    taskTitle: z.string().nullable(),
    taskIndicators: z.array(z.object({ id: z.number(), name: z.string(), measureUnit: z.string() })),
    address: z.string(),
    coOrganisers: z.array(ref),
    participants: z.array(z.object({ kind: z.enum(PARTICIPANT_KINDS), name: z.string(), count: z.number() })),
    participantTotal: z.number(),
    agenda: z.string(),
    summary: z.string(),
    review: z.string(),
    canEdit: z.boolean(),
    next: z.array(z.enum(EVENT_STATES)),
    timeline: z.array(
      z.object({
        at: z.string(),
        actorName: z.string().nullable(),
        action: z.string(),
        fromState: z.string().nullable(),
        toState: z.string().nullable(),
        note: z.string(),
      }),
    ),
    checklist: z.array(
      z.object({
        id: z.number(),
        title: z.string(),
        ownerUnitId: z.number(),
        ownerUnitName: z.string(),
        dueDate: z.string(),
        doneOn: z.string().nullable(),
      }),
    ),
    outcomes: z.array(outcomeSchema),
    totals: totalsSchema,
    attachments: z.array(attachment),
  })
  .meta({ id: 'ActivityEvent' });
