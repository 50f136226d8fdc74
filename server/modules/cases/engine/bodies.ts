// What each action asks for (Zod, with the Chinese message a person sees on a refused field) and the
// content of each type of case. The type configs name these per transition; the routes validate the
// action's body with the schema of the transition the engine picks, so no half-filled step is accepted.
import { z } from 'zod';
import {
  ANSWER_CATEGORIES,
  APPEAL_CHANNELS,
  APPEAL_KINDS,
  GRASSROOTS_NEEDS,
  INSTRUCTION_LEVELS,
  RATINGS,
} from './vocabulary.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const dateField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(DATE, { error: `${label}的格式应为 YYYY-MM-DD` })
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { error: `${label}不是有效日期` });
export const textField = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 字` });
const comment = z.string().trim().max(2000, { error: '意见不能超过 2000 字' }).optional();
const id = (label: string) =>
  z
    .number({ error: `请选择${label}` })
    .int()
    .positive();

// ---- action bodies ----------------------------------------------------------------------------------

export const commentOnly = z.strictObject({ comment }).nullish();
export const inviteBody = z.strictObject({
  userIds: z
    .array(id('联名人'))
    .min(1, { error: '请至少选择一位联名人' })
    .max(20, { error: '联名人不能超过 20 位' }),
  confirmBy: dateField('确认截止日期'),
});
export const reasonBody = (label: string) => z.strictObject({ reason: textField(label, 2000) });
export const mergeBody = z.strictObject({ mainId: id('并入的主件'), comment });
export const forwardBody = z.strictObject({
  leadUnitId: id('主办单位'),
  cooperatingUnitIds: z.array(id('协办单位')).max(10, { error: '协办单位不能超过 10 个' }).default([]),
  // Omitted: the type's working days for handling, from today, on the holiday calendar.
  dueDate: dateField('办理期限').optional(),
  comment,
});
// 民主监督: the report goes to the agency its project supervises, unless staff name another unit.
export const forwardToAgencyBody = forwardBody.extend({ leadUnitId: id('主办单位').optional() });
const attachmentIds = z
  .array(z.number().int().positive())
  .max(20, { error: '附件不能超过 20 个' })
  .default([]);
const answerCategory = z.enum(ANSWER_CATEGORIES, {
  error: '请选择办理结果：已解决、列入计划解决或留作参考',
});
export const leadAnswerBody = z.strictObject({
  letter: textField('答复内容', 20000),
  category: answerCategory,
  attachmentIds,
});
export const partAnswerBody = z.strictObject({
  letter: textField('协办意见', 20000),
  category: answerCategory.optional(),
  attachmentIds,
});
export const rateBody = z.strictObject({
  rating: z.enum(RATINGS, { error: '请选择评价：满意、基本满意或不满意' }),
  comment,
});
export const adoptBody = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const instructionBody = z.strictObject({
  leader: textField('批示领导', 60),
  level: z.enum(INSTRUCTION_LEVELS, { error: '请选择批示领导的级别' }),
  givenOn: dateField('批示日期'),
  text: textField('批示内容', 4000),
});
export const taskBody = z.strictObject({
  planItemId: id('工作要点条目'),
  // Omitted: the case's lead handling unit.
  leadUnitId: id('牵头单位').optional(),
  dueDate: dateField('完成时限'),
  // Omitted: the case's title.
  title: z.string().trim().min(1).max(200).optional(),
});

// ---- the content of each type of case ----------------------------------------------------------------

export const proposalContent = z.strictObject({
  situation: textField('情况', 20000),
  analysis: textField('分析', 20000),
  suggestions: textField('建议', 20000),
  attachmentIds,
});
export const oversightContent = z.strictObject({
  projectId: id('民主监督项目'),
  findings: textField('发现的问题', 20000),
  suggestions: textField('意见建议', 20000),
  attachmentIds,
});
export const appealContent = z.strictObject({
  kind: z.enum(APPEAL_KINDS, { error: '请选择诉求类型：诉求、协调、政策咨询或其他' }),
  channel: z.enum(APPEAL_CHANNELS, { error: '请选择反映渠道' }),
  enterprise: textField('企业名称', 200),
  // A contact of modules/contacts (the enterprise's person), when recorded.
  contactId: z.number().int().positive().optional(),
  // Raised at a 政企座谈会 (GET /api/case-meetings).
  meetingId: z.number().int().positive().optional(),
  content: textField('诉求内容', 20000),
  attachmentIds,
});
export const grassrootsContent = z.strictObject({
  need: z.enum(GRASSROOTS_NEEDS, { error: '请选择困难类型：人员力量、工作经费、协调事项或其他' }),
  content: textField('困难和问题', 20000),
  attachmentIds,
});
