import { z } from 'zod';
import { pageQuery } from '../../core/http/pagination.ts';
import { rowId } from '../../core/http/row-id.ts';

const kind = z.enum(['act', 'guide', 'read'], { error: '批示类型应为批办、指导或阅知' });
const status = z.enum(['pending', 'reported', 'done', 'info']);
const targetType = z
  .string({ error: '请指明批示的对象类型' })
  .min(1, { error: '请指明批示的对象类型' })
  .max(16)
  .regex(/^[a-z_]+$/, { error: '对象类型无效' });
const targetId = z.coerce
  .number({ error: '请指明批示的对象' })
  .int({ error: '对象编号无效' })
  .positive({ error: '对象编号无效' });

export const targetQuery = z.strictObject({ targetType, targetId });

export const instructionCreateBody = z.strictObject({
  targetType,
  targetId,
  kind,
  text: z
    .string({ error: '请填写批示内容' })
    .trim()
    .min(1, { error: '请填写批示内容' })
    .max(2000, { error: '批示内容不能超过 2000 字' }),
});

export const followUpBody = z.strictObject({
  text: z
    .string({ error: '请填写落实情况' })
    .trim()
    .min(1, { error: '请填写落实情况' })
    .max(5000, { error: '落实情况不能超过 5000 字' }),
  attachmentIds: z.array(z.number().int().positive()).max(20, { error: '附件不能超过 20 个' }).default([]),
});

export const confirmBody = z
  .strictObject({ comment: z.string().trim().max(2000, { error: '意见不能超过 2000 字' }).optional() })
  .nullish();

export const moreBody = z.strictObject({
  comment: z
    .string({ error: '请写明还需补充什么' })
    .trim()
    .min(1, { error: '请写明还需补充什么' })
    .max(2000, { error: '意见不能超过 2000 字' }),
});

export const instructionListQuery = z.strictObject({
  kind: kind.optional(),
  // awaiting: 批办 not yet confirmed done (待反馈 + 待确认); or one status.
  status: z.enum(['awaiting', 'pending', 'reported', 'done', 'info']).optional(),
  // mine: for a leader, the instructions they wrote; for a unit, those to their unit; for staff, those
  // their region confirms.
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  // The instructions on objects of one region's subtree (the dashboard and the 督办通报 open the list so).
  regionCode: z
    .string()
    .regex(/^\d{6}$/, { error: '地区代码应为 6 位数字' })
    .optional(),
  // Written on or after `from` and on or before `to` (dates, as the 督办通报's period).
  from: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }).optional(),
  ...pageQuery,
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const followUpSchema = z.object({
  id: z.number(),
  kind: z.enum(['report', 'more', 'done']),
  kindLabel: z.string(),
  text: z.string(),
  actorName: z.string(),
  unitName: z.string().nullable(),
  at: z.string(),
  attachments: z.array(
    z.object({ id: z.number(), fileName: z.string(), size: z.number(), mime: z.string() }),
  ),
});

export const instructionSchema = z
  .object({
    id: z.number(),
    target: z.object({
      type: z.string(),
      typeLabel: z.string(),
      id: z.number(),
      title: z.string(),
      link: z.string(),
      taskId: z.number().nullable(),
    }),
    kind,
    kindLabel: z.string(),
    status,
    statusLabel: z.string(),
    text: z.string(),
    authorName: z.string(),
    unitName: z.string(),
    createdAt: z.string(),
    doneAt: z.string().nullable(),
    version: z.number(),
    followUps: z.array(followUpSchema),
    // What the reader may do now.
    actions: z.object({ followUp: z.boolean(), confirm: z.boolean(), more: z.boolean() }),
  })
  .meta({ id: 'Instruction' });

export const instructionPageSchema = z.object({
  items: z.array(instructionSchema),
  nextCursor: z.string().nullable(),
});

export const instructionParams = z.strictObject({ id: rowId });
