import { z } from 'zod';
import { pageQuery } from '../../core/http/pagination.ts';
import { rowId } from '../../core/http/row-id.ts';

// Tasks (任务分解): the API's shapes and the Chinese labels of every enumerated value, written once here.

const TASK_SOURCE_LABELS = {
  plan: '工作要点',
  leader: '领导交办',
  meeting: '会议决定',
  other: '其他',
} as const;
const TASK_CYCLE_LABELS = {
  monthly: '每月',
  quarterly: '每季度',
  milestone: '按里程碑',
  none: '不定期',
} as const;
export const TASK_STATUS_LABELS = {
  draft: '草稿',
  assigned: '待签收',
  accepted: '办理中',
  completion_requested: '申请办结',
  completed: '已办结',
  cancelled: '已撤销',
} as const;
const HEALTH_LABELS = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '无' } as const;
const ADJUSTMENT_KIND_LABELS = {
  deadline: '调整完成时限',
  lead: '调整牵头单位',
  scope: '调整任务内容',
} as const;

const keysOf = <T extends Record<string, string>>(labels: T) =>
  Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
const taskSource = z.enum(keysOf(TASK_SOURCE_LABELS));
const taskCycle = z.enum(keysOf(TASK_CYCLE_LABELS));
const taskStatus = z.enum(keysOf(TASK_STATUS_LABELS));
const health = z.enum(keysOf(HEALTH_LABELS));
const adjustmentKind = z.enum(keysOf(ADJUSTMENT_KIND_LABELS));

const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    '不是有效的日期',
  );

const id = z.number().int().positive();
const title = z.string().trim().min(2).max(200).meta({ title: '任务名称' });
const description = z.string().max(5000).meta({ title: '任务内容' });

const milestoneInput = z.strictObject({
  id: id.optional(),
  title: z.string().trim().min(1).max(200).meta({ title: '里程碑' }),
  dueDate: dateString.meta({ title: '计划完成日期' }),
  doneDate: dateString.nullable().optional(),
  evidence: z.string().max(2000).optional(),
});
const indicatorInput = z.strictObject({
  id: id.optional(),
  name: z.string().trim().min(1).max(200).meta({ title: '指标名称' }),
  measureUnit: z.string().max(20).default('').meta({ title: '计量单位' }),
  baseline: z.number().finite().nullable().default(null).meta({ title: '基线值' }),
  target: z.number().finite().meta({ title: '目标值' }),
  actual: z.number().finite().nullable().optional(),
  higherIsBetter: z.boolean().default(true),
});

const taskFields = {
  title,
  description: description.default(''),
  leadUnitId: id.meta({ title: '牵头单位' }),
  cooperatingUnitIds: z.array(id).max(50).default([]).meta({ title: '配合单位' }),
  responsibleUserId: id.nullable().default(null).meta({ title: '责任人' }),
  startDate: dateString.meta({ title: '开始时间' }),
  dueDate: dateString.meta({ title: '完成时限' }),
  weight: z.number().int().min(0).max(100).default(1).meta({ title: '权重' }),
  cycle: taskCycle.default('monthly').meta({ title: '报送周期' }),
  reportDay: z.number().int().min(0).max(28).default(5).meta({ title: '报送期限（周期结束后工作日数）' }),
  milestones: z.array(milestoneInput).max(50).default([]),
  indicators: z.array(indicatorInput).max(50).default([]),
};

export const taskCreateBody = z.strictObject({
  planItemId: id.nullable().default(null).meta({ title: '工作要点条目' }),
  // 上级任务: a task assigned to this region's 统战部, decomposed here into child tasks.
  parentId: id.nullable().default(null).meta({ title: '上级任务' }),
  source: taskSource.default('plan').meta({ title: '任务来源' }),
  ...taskFields,
  // Assign at once (待签收) rather than keep a draft.
  assign: z.boolean().default(false),
});
export type TaskCreateInput = z.infer<typeof taskCreateBody>;

export const taskUpdateBody = z
  .strictObject({
    title: title.optional(),
    description: description.optional(),
    source: taskSource.optional(),
    leadUnitId: taskFields.leadUnitId.optional(),
    cooperatingUnitIds: z.array(id).max(50).optional(),
    responsibleUserId: id.nullable().optional(),
    startDate: dateString.optional(),
    dueDate: dateString.optional(),
    weight: z.number().int().min(0).max(100).optional(),
    cycle: taskCycle.optional(),
    reportDay: z.number().int().min(0).max(28).optional(),
    milestones: z.array(milestoneInput).max(50).optional(),
    indicators: z.array(indicatorInput).max(50).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, '请至少修改一项');
export type TaskUpdateInput = z.infer<typeof taskUpdateBody>;

export const taskIdParam = z.strictObject({ id: rowId });
export const reasonBody = z.strictObject({
  reason: z.string().trim().min(2).max(1000).meta({ title: '理由' }),
});
export const commentBody = z.strictObject({
  comment: z.string().trim().max(1000).default('').meta({ title: '意见' }),
});

export const adjustmentBody = z.strictObject({
  kind: adjustmentKind.meta({ title: '调整事项' }),
  reason: z.string().trim().min(2).max(1000).meta({ title: '理由' }),
  dueDate: dateString.optional().meta({ title: '申请的完成时限' }),
  leadUnitId: id.optional().meta({ title: '建议的牵头单位' }),
  scope: z.string().trim().max(2000).optional().meta({ title: '建议的任务内容' }),
});
export const adjustmentParams = z.strictObject({
  id: rowId,
  adjustmentId: rowId,
});
export const decisionBody = z.strictObject({
  approve: z.boolean(),
  comment: z.string().trim().max(1000).default('').meta({ title: '意见' }),
});
export const completionBody = z.strictObject({
  summary: z.string().trim().min(2).max(5000).meta({ title: '办结情况' }),
  attachmentIds: z.array(id).max(20).default([]),
});

const csv = <T extends z.ZodType>(item: T) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20))
    .optional();

export const taskListQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  planId: rowId.optional(),
  sectionId: rowId.optional().meta({ title: '工作要点部分' }),
  planItemId: rowId.optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  // With regionCode: that region's own tasks only, not those of the regions below it.
  regionOnly: z.enum(['true', 'false']).optional(),
  leadUnitId: rowId.optional(),
  cooperatingUnitId: rowId.optional(),
  parentId: rowId.optional(),
  status: csv(taskStatus),
  health: csv(health),
  source: taskSource.optional(),
  dueFrom: dateString.optional(),
  dueTo: dateString.optional(),
  q: z.string().trim().max(100).optional().meta({ title: '关键词' }),
  // 待分解: tasks assigned to a lower region's 统战部 that have no child task yet.
  undecomposed: z.enum(['true', 'false']).optional(),
  // Tasks with a progress report in this state: owed (not yet submitted, due by the end of this month,
  // or overdue), returned (退回待修改) or submitted (待审核 by the reader's region).
  report: z.enum(['owed', 'returned', 'submitted']).optional().meta({ title: '报告' }),
  // Tasks with an adjustment request awaiting the decision of the reader's region.
  adjustment: z.enum(['pending']).optional().meta({ title: '调整申请' }),
  sort: z.enum(['id', 'due']).default('id'),
  ...pageQuery,
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

const unitRef = z.object({ id: z.number(), name: z.string(), regionCode: z.string() });
const reason = z.object({ code: z.string(), message: z.string() });

const taskSummarySchema = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  source: taskSource,
  status: taskStatus,
  health,
  healthReasons: z.array(reason),
  progress: z.number(),
  startDate: z.string(),
  dueDate: z.string(),
  cycle: taskCycle,
  regionCode: z.string(),
  regionName: z.string(),
  leadUnit: unitRef,
  planId: z.number().nullable(),
  planItemId: z.number().nullable(),
  parentId: z.number().nullable(),
  childCount: z.number(),
  // Assigned to a lower region's 统战部 and not yet decomposed there.
  undecomposed: z.boolean(),
  version: z.number(),
});

export const taskListSchema = z.object({
  items: z.array(taskSummarySchema),
  nextCursor: z.string().nullable(),
  counts: z.object({
    green: z.number(),
    yellow: z.number(),
    red: z.number(),
    none: z.number(),
    total: z.number(),
  }),
});

// A plan item's roll-up of its top-level tasks (report once: kept on every task change).
export const planItemRollupSchema = z.object({
  planItemId: z.number(),
  // Top-level tasks of the item (cancelled ones included in the count, not in the progress).
  tasks: z.number(),
  // The weighted roll-up of their progress, rounded down; null while no task counts toward it.
  progress: z.number().nullable(),
  counts: z.object({ green: z.number(), yellow: z.number(), red: z.number(), none: z.number() }),
});

const milestoneSchema = z.object({
  id: z.number(),
  title: z.string(),
  dueDate: z.string(),
  doneDate: z.string().nullable(),
  evidence: z.string(),
});
const indicatorSchema = z.object({
  id: z.number(),
  name: z.string(),
  measureUnit: z.string(),
  baseline: z.number().nullable(),
  target: z.number(),
  actual: z.number().nullable(),
  higherIsBetter: z.boolean(),
});
const adjustmentSchema = z.object({
  id: z.number(),
  kind: adjustmentKind,
  reason: z.string(),
  proposal: z.object({
    dueDate: z.string().optional(),
    leadUnitId: z.number().optional(),
    scope: z.string().optional(),
  }),
  status: z.enum(['pending', 'approved', 'refused']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
});

export const taskDetailSchema = taskSummarySchema.extend({
  description: z.string(),
  managerRegionCode: z.string(),
  cooperatingUnits: z.array(unitRef),
  responsibleUser: z.object({ id: z.number(), name: z.string() }).nullable(),
  weight: z.number(),
  reportDay: z.number(),
  plan: z.object({ id: z.number(), title: z.string(), year: z.number() }).nullable(),
  planItem: z.object({ id: z.number(), number: z.string().nullable(), heading: z.string() }).nullable(),
  parent: z.object({ id: z.number(), title: z.string(), regionName: z.string() }).nullable(),
  milestones: z.array(milestoneSchema),
  indicators: z.array(indicatorSchema),
  adjustments: z.array(adjustmentSchema),
  completionSummary: z.string().nullable(),
  endReason: z.string().nullable(),
  healthChangedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  // What the reader may do now, so the page shows only the buttons that will work.
  actions: z.object({
    edit: z.boolean(),
    assign: z.boolean(),
    sign: z.boolean(),
    requestAdjustment: z.boolean(),
    decideAdjustment: z.boolean(),
    requestCompletion: z.boolean(),
    decideCompletion: z.boolean(),
    cancel: z.boolean(),
    decompose: z.boolean(),
  }),
});

export const taskEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  kind: z.string(),
  label: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

export const taskTreeNodeSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  depth: z.number(),
  title: z.string(),
  regionName: z.string(),
  leadUnitName: z.string(),
  status: taskStatus,
  health,
  progress: z.number(),
  dueDate: z.string(),
  undecomposed: z.boolean(),
});

// One change of colour, as remembered (the colour strip over the year).
export const taskHealthChangeSchema = z.object({
  at: z.string(),
  health,
  reasons: z.array(reason),
});
