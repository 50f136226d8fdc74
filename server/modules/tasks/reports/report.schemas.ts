// Progress reports (进度填报): what a form sends and what the API answers, with Chinese labels.
import { z } from 'zod';
import { rowId } from '../../../core/http/row-id.ts';

const reportStatus = z.enum(['due', 'draft', 'submitted', 'returned', 'accepted']);

export const reportParams = z.strictObject({
  id: rowId,
  periodKey: z.string().min(1).max(20),
});

const indicatorActual = z.strictObject({
  indicatorId: z.number().int().positive(),
  actual: z.number().finite({ error: '指标完成值应为数字' }),
});
const milestoneReached = z.strictObject({
  milestoneId: z.number().int().positive(),
  doneDate: z.iso.date({ error: '里程碑完成日期应为 YYYY-MM-DD' }),
});

/** The report's content, as saved in a draft and as submitted. */
export const reportContentBody = z.strictObject({
  percent: z
    .number({ error: '请填写完成进度（0–100）' })
    .int({ error: '完成进度应为整数' })
    .min(0, { error: '完成进度不能小于 0' })
    .max(100, { error: '完成进度不能大于 100' }),
  narrative: z.string().max(20000, { error: '进展情况不能超过 20000 字' }).default(''),
  indicatorActuals: z.array(indicatorActual).max(200).default([]),
  milestonesReached: z.array(milestoneReached).max(200).default([]),
  problems: z.string().max(10000, { error: '需协调解决的问题不能超过 10000 字' }).default(''),
  nextSteps: z.string().max(10000, { error: '下一步工作计划不能超过 10000 字' }).default(''),
  // Files uploaded first (POST /api/attachments), named here; a file once attached stays with the report.
  attachmentIds: z.array(z.number().int().positive()).max(50, { error: '附件不能超过 50 个' }).default([]),
});
export type ReportContent = z.infer<typeof reportContentBody>;

export const contributionBody = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, { error: '请填写配合单位反馈的内容' })
    .max(10000, { error: '配合单位反馈不能超过 10000 字' }),
});

export const returnBody = z.strictObject({
  comment: z.string().trim().min(1, { error: '请填写退回意见' }).max(2000),
});

export const reportSummarySchema = z.object({
  id: z.number(),
  periodKey: z.string(),
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  status: reportStatus,
  late: z.boolean(),
  percent: z.number().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  version: z.number(),
});

const contributionSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  text: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  version: z.number(),
});

export const reportDetailSchema = reportSummarySchema.extend({
  content: z.object({
    percent: z.number().nullable(),
    narrative: z.string(),
    indicatorActuals: z.array(z.object({ indicatorId: z.number(), actual: z.number() })),
    milestonesReached: z.array(z.object({ milestoneId: z.number(), doneDate: z.string() })),
    problems: z.string(),
    nextSteps: z.string(),
    attachmentIds: z.array(z.number()),
  }),
  // The evidence files on the report (content.attachmentIds), named, for the form's file list.
  attachments: z.array(
    z.object({ id: z.number(), fileName: z.string(), size: z.number(), mime: z.string() }),
  ),
  // The period of the accepted report the content was pre-filled from, or null (typed, or nothing yet).
  prefilledFrom: z.string().nullable(),
  contributions: z.array(contributionSchema),
  actions: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    contribute: z.boolean(),
    review: z.boolean(),
  }),
});

export const missingQuery = z.strictObject({
  period: z.string().min(1).max(20).optional(),
  regionCode: z.string().min(1).max(20).optional(),
  // A region's units on demand: the board's region itself (its own units, 本级), or a region below it
  // (that region's whole subtree); a page of 50 units from `offset`.
  unitsOf: z.string().min(1).max(20).optional().meta({ title: '查看哪个地区的单位' }),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
});

export const remindBody = z.strictObject({
  period: z.string().min(1).max(20).optional(),
  regionCode: z.string().min(1).max(20).optional(),
});

const missingCounts = { missing: z.number(), returned: z.number(), units: z.number() };

export const missingBoardSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  period: z.string().nullable(),
  totals: z.object(missingCounts),
  // The region's own units (own: true, first) and each region one level below it (its whole subtree).
  regions: z.array(
    z.object({ regionCode: z.string(), regionName: z.string(), own: z.boolean(), ...missingCounts }),
  ),
  // The region whose units follow (null: none asked), how many it has, and the offset of the next page.
  unitsOf: z.string().nullable(),
  unitsTotal: z.number(),
  nextOffset: z.number().nullable(),
  units: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      unitId: z.number(),
      unitName: z.string(),
      missing: z.number(),
      returned: z.number(),
    }),
  ),
  items: z.array(
    z.object({
      taskId: z.number(),
      taskTitle: z.string(),
      unitId: z.number(),
      periodKey: z.string(),
      dueDate: z.string(),
      status: reportStatus,
    }),
  ),
  // The reports of the units on this page; the list stops at a limit, the counts above are always exact.
  itemsTruncated: z.boolean(),
});

export const remindResultSchema = z.object({ units: z.number(), tasks: z.number() });
