import { z } from 'zod';
import { rowId } from '../../core/http/row-id.ts';

// 干部培训 API shapes. Hours (学时) travel as numbers with at most one decimal (3.5) and are stored as
// integer tenths, so every sum is exact.

const id = rowId;
export const idParams = z.strictObject({ id });

const text = (title: string, max: number) =>
  z.string().trim().min(1, `请填写${title}`).max(max, `${title}不超过 ${max} 字`).meta({ title });
const date = (title: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${title}应为日期（如 2026-03-10）`)
    .meta({ title });
const yearSchema = z.coerce
  .number({ error: '年度应为四位数字' })
  .int('年度应为四位数字')
  .min(2000, '年度不早于 2000 年')
  .max(2100, '年度不晚于 2100 年');
const hours = z
  .number({ error: '学时应为数字' })
  .min(0.5, '每课次至少 0.5 学时')
  .max(12, '每课次不超过 12 学时')
  .refine((h) => Number.isInteger(Math.round(h * 10)) && Math.abs(h * 10 - Math.round(h * 10)) < 1e-9, {
    message: '学时最多保留一位小数',
  })
  .meta({ title: '学时' });

export const planCreateBody = z.strictObject({
  // The reader's own region when absent; any region in their subtree otherwise.
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '地区代码应为 6 位数字')
    .optional(),
  year: yearSchema,
  title: text('计划名称', 200),
});

const sessionInput = z.strictObject({
  startsAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '课次时间应为日期和时刻（如 2026-03-10T09:00）')
    .meta({ title: '课次时间' }),
  hours,
  topic: text('课次内容', 200),
});

export const courseCreateBody = z.strictObject({
  title: text('课程名称', 200),
  organiser: text('主办单位', 200),
  place: text('培训地点', 200),
  startsOn: date('开始日期'),
  endsOn: date('结束日期'),
  placesPerUnit: z
    .number({ error: '每单位名额应为整数' })
    .int('每单位名额应为整数')
    .min(1, '每单位名额至少 1 人')
    .max(200, '每单位名额不超过 200 人'),
  sessions: z.array(sessionInput).min(1, '请至少安排一个课次').max(60, '一门课程不超过 60 个课次'),
});

// Editing a draft plan: its title, year or region (a new year moves its courses to the same days of it);
// a draft course: any of its fields, the sessions replaced as a whole.
export const planUpdateBody = z
  .strictObject({
    title: text('计划名称', 200).optional(),
    year: yearSchema.optional(),
    regionCode: z
      .string()
      .regex(/^\d{6}$/, '地区代码应为 6 位数字')
      .optional()
      .meta({ title: '地区' }),
  })
  .refine((b) => b.title !== undefined || b.year !== undefined || b.regionCode !== undefined, {
    message: '请填写要修改的计划名称、年度或地区',
    path: ['title'],
  });
export const courseUpdateBody = courseCreateBody.partial();

export const nominationCreateBody = z
  .strictObject({
    // The nominating unit; a handler's own unit when absent.
    unitId: z.number().int().positive().optional(),
    // A Luoshi user of that unit (by id, or by the user name a person types) …
    userId: z.number().int().positive().optional(),
    username: z.string().trim().min(1).max(64, '用户名不超过 64 个字符').optional(),
    // … or a minimal contact: name and title, nothing else.
    name: z.string().trim().min(1, '请填写姓名').max(50, '姓名不超过 50 字').optional(),
    title: z.string().trim().max(100, '职务不超过 100 字').optional(),
  })
  .refine((b) => [b.userId, b.username, b.name].filter((x) => x !== undefined).length === 1, {
    message: '请选择本单位的用户，或填写学员姓名（二者选一）',
    path: ['name'],
  });

export const decisionBody = z
  .strictObject({
    approve: z.boolean(),
    reason: z.string().trim().max(500, '理由不超过 500 字').optional(),
  })
  .refine((b) => b.approve || !!b.reason, { message: '不同意报名时请写明理由', path: ['reason'] });

export const checkInBody = z.strictObject({
  sessionId: z.number().int().positive(),
  token: z.string().min(1, '签到码为空').max(300, '签到码无效'),
});

export const attendanceBody = z.strictObject({
  // The people ticked as present (staff, from the sign-in sheet).
  personIds: z.array(z.number().int().positive()).max(500, '一次最多登记 500 人'),
  // The scanned sign-in sheet (uploaded first through /api/attachments).
  sheetAttachmentIds: z.array(z.number().int().positive()).max(10, '签到表最多 10 个文件').default([]),
});

export const hoursQuery = z.strictObject({ year: yearSchema.optional() });
// 培训完成情况 by unit, a page at a time (training.hours.service.ts unitSummary).
export const unitsQuery = z.strictObject({
  year: yearSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
});
export const peopleQuery = z.strictObject({
  year: yearSchema.optional(),
  unitId: rowId.optional(),
  // Only those short of the year's requirement.
  short: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
});
export const listQuery = z.strictObject({ year: yearSchema.optional() });
export const settingsBody = z.strictObject({
  requiredHours: z
    .number({ error: '年度学时要求应为数字' })
    .int('年度学时要求应为整数')
    .min(1, '年度学时要求至少 1 学时')
    .max(500, '年度学时要求不超过 500 学时'),
});

const sessionOut = z.object({
  id: z.number(),
  startsAt: z.string(),
  hours: z.number(),
  topic: z.string(),
  attended: z.number(),
  version: z.number(),
  // The scanned sign-in sheets kept with the session (for the plan's staff; empty for anyone else).
  sheets: z.array(z.object({ id: z.number(), name: z.string(), size: z.number() })),
});
const nominationOut = z.object({
  id: z.number(),
  personId: z.number(),
  name: z.string(),
  title: z.string().nullable(),
  unitId: z.number(),
  unitName: z.string(),
  isUser: z.boolean(),
  status: z.enum(['pending', 'approved', 'refused']),
  reason: z.string().nullable(),
  attendedSessionIds: z.array(z.number()),
  creditedHours: z.number().nullable(),
  version: z.number(),
});
const courseSummary = {
  id: z.number(),
  planId: z.number(),
  title: z.string(),
  organiser: z.string(),
  place: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  placesPerUnit: z.number(),
  hours: z.number(),
  status: z.enum(['open', 'closed']),
  version: z.number(),
};
export const courseSchema = z
  .object({
    ...courseSummary,
    planTitle: z.string(),
    planStatus: z.enum(['draft', 'approved']),
    year: z.number(),
    sessions: z.array(sessionOut),
    nominations: z.array(nominationOut),
    // What the reader may do here.
    canManage: z.boolean(),
    canNominate: z.boolean(),
    // The reader's unit's places used, when they nominate for one unit.
    placesUsed: z.number().nullable(),
  })
  .meta({ id: 'TrainingCourse' });

export const planSchema = z
  .object({
    id: z.number(),
    regionCode: z.string(),
    regionName: z.string(),
    year: z.number(),
    title: z.string(),
    status: z.enum(['draft', 'approved']),
    approvedAt: z.string().nullable(),
    version: z.number(),
    courses: z.array(z.object(courseSummary)),
    canManage: z.boolean(),
    canApprove: z.boolean(),
  })
  .meta({ id: 'TrainingPlan' });

export const planListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      regionCode: z.string(),
      regionName: z.string(),
      year: z.number(),
      title: z.string(),
      status: z.enum(['draft', 'approved']),
      courses: z.number(),
      version: z.number(),
    }),
  ),
});

export const qrSchema = z.object({
  sessionId: z.number(),
  token: z.string(),
  // The web app path the QR code encodes (the participant's 扫码签到 page).
  path: z.string(),
  expiresAt: z.string(),
  // How soon the room display should fetch the next code.
  refreshInSeconds: z.number(),
  attended: z.number(),
});

export const checkInResult = z.object({
  courseId: z.number(),
  courseTitle: z.string(),
  sessionId: z.number(),
  sessionStartsAt: z.string(),
  topic: z.string(),
  // false: already recorded (a second scan records nothing twice).
  recorded: z.boolean(),
  recordedAt: z.string(),
});

const personHours = z.object({
  personId: z.number(),
  name: z.string(),
  title: z.string().nullable(),
  unitId: z.number(),
  unitName: z.string(),
  hours: z.number(),
  requiredHours: z.number(),
  shortBy: z.number(),
});

export const myHoursSchema = z.object({
  year: z.number(),
  requiredHours: z.number(),
  hours: z.number(),
  shortBy: z.number(),
  courses: z.array(
    z.object({
      courseId: z.number(),
      title: z.string(),
      organiser: z.string(),
      endsOn: z.string(),
      hours: z.number(),
    }),
  ),
});

export const unitSummarySchema = z.object({
  year: z.number(),
  requiredHours: z.number(),
  // Units with people in training in the reader's scope, and their sums: the page is `units`.
  total: z.number(),
  totals: z.object({ people: z.number(), completed: z.number(), short: z.number(), hours: z.number() }),
  offset: z.number(),
  units: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      people: z.number(),
      completed: z.number(),
      short: z.number(),
      hours: z.number(),
    }),
  ),
});

export const peopleSchema = z.object({
  year: z.number(),
  requiredHours: z.number(),
  // One page by unit and name (from `offset`); `total` counts them all.
  items: z.array(personHours),
  total: z.number(),
  offset: z.number(),
});

export const settingsSchema = z.object({
  requiredHours: z.number(),
  version: z.number(),
  // Whether the reader may change it (the top region's staff: docs/decisions/training-settings.md).
  mayEdit: z.boolean(),
});
