// The notices' API shapes, with the Chinese messages a clerk sees on a rejected field.
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/http/pagination.ts';
import { rowId } from '../../core/http/row-id.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(DATE, { error: `${label}的格式应为 YYYY-MM-DD` })
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { error: `${label}不是有效日期` });
const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 字` });

const noticeLevel = z.enum(['general', 'key', 'listed'], {
  error: '督办级别应为一般、重点或挂牌督办',
});
const noticeStatus = z.enum([
  'issued',
  'signed',
  'responded',
  'rectifying',
  'done_reported',
  'delist_requested',
  'closed',
  'withdrawn',
]);
const noticeRating = z.enum(['good', 'fair', 'average', 'poor'], {
  error: '请选择办结评价：好、较好、一般或差',
});
const colour = z.enum(['green', 'yellow', 'red', 'none']);

export const noticeIdParam = z.strictObject({ id: rowId });

export const noticeCreateBody = z.strictObject({
  level: noticeLevel,
  reason: text('督办事由', 2000),
  requirements: text('督办要求', 4000),
  // Omitted: the level's default number of working days from today (GET /api/notices/due-dates).
  responseDue: date('反馈期限').optional(),
  copyToUnitIds: z
    .array(z.number().int().positive())
    .max(30, { error: '抄送单位不能超过 30 个' })
    .default([]),
  // Issued from a report's "需协调解决的问题": the report, which must be the task's own.
  reportId: z.number().int().positive().optional(),
});

export const respondBody = z.strictObject({
  measures: text('整改措施', 4000),
  fixDue: date('整改时限'),
});
export const withdrawBody = z.strictObject({ reason: text('撤回原因', 500) });
export const completeBody = z.strictObject({ summary: text('整改完成情况', 4000) });
export const commentBody = z.strictObject({ comment: text('退回意见', 2000) });
export const refuseBody = z.strictObject({ comment: text('不同意摘牌的意见', 2000) });
export const rateBody = z.strictObject({
  rating: noticeRating,
  comment: z.string().trim().max(2000, { error: '意见不能超过 2000 字' }).default(''),
});
export const agreeBody = z
  .strictObject({ comment: z.string().trim().max(2000, { error: '意见不能超过 2000 字' }).default('') })
  .nullish();

export const noticeListQuery = z.strictObject({
  status: z.union([noticeStatus, z.literal('open')]).optional(),
  level: noticeLevel.optional(),
  colour: z.enum(['green', 'yellow', 'red'], { error: '颜色应为 green、yellow 或 red' }).optional(),
  regionCode: z.string().max(12).optional(),
  taskId: rowId.optional(),
  // Issued by me, or led by my unit.
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...pageQuery,
});

export const noticeSummarySchema = z.object({
  id: z.number(),
  taskId: z.number(),
  taskTitle: z.string(),
  level: noticeLevel,
  levelLabel: z.string(),
  status: noticeStatus,
  statusLabel: z.string(),
  colour,
  colourReason: z.string(),
  reason: z.string(),
  responseDue: z.string(),
  fixDue: z.string().nullable(),
  leadUnit: z.object({ id: z.number(), name: z.string() }),
  managerRegionName: z.string(),
  issuerName: z.string(),
  issuedAt: z.string(),
  version: z.number(),
});

export const noticeListSchema = pageSchema(noticeSummarySchema);

const noticeEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  kind: z.string(),
  label: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

export const noticeDetailSchema = noticeSummarySchema.extend({
  requirements: z.string(),
  measures: z.string().nullable(),
  completion: z.string().nullable(),
  reviewComment: z.string().nullable(),
  rating: noticeRating.nullable(),
  ratingLabel: z.string().nullable(),
  copyTo: z.array(z.object({ id: z.number(), name: z.string() })),
  report: z.object({ id: z.number(), periodKey: z.string() }).nullable(),
  signedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  timeline: z.array(noticeEventSchema),
  // Every change of colour, oldest first (notice_colour_history).
  colourHistory: z.array(z.object({ at: z.string(), colour, label: z.string(), reason: z.string() })),
  // What this person may do now (the buttons the page shows).
  actions: z.object({
    sign: z.boolean(),
    respond: z.boolean(),
    complete: z.boolean(),
    accept: z.boolean(),
    return: z.boolean(),
    close: z.boolean(),
    requestDelist: z.boolean(),
    approveDelist: z.boolean(),
    refuseDelist: z.boolean(),
    withdraw: z.boolean(),
  }),
});

export const dueDatesSchema = z.object({
  today: z.string(),
  levels: z.array(
    z.object({ level: noticeLevel, label: z.string(), workingDays: z.number(), date: z.string() }),
  ),
});
