// What each action asks for (Zod, with the Chinese message a person sees on a refused field) and the
// content of each type of case. The type configs name these per transition; the action service validates
// the action's input with the schema of the transition the engine picks (the lead unit's answer needs a
// category, a cooperating unit's does not), after the route has checked the action's own shape
// (action-bodies.ts, built from the same fields), so no half-filled step is accepted.
import { z } from 'zod';
import {
  ATTACHMENTS_MAX,
  COMMENT_MAX,
  COOPERATING_UNITS_MAX,
  COSIGNERS_MAX,
  INSTRUCTION_MAX,
  LEADER_MAX,
  TEXT_MAX,
  TITLE_MAX,
} from './limits.ts';
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
export const comment = z
  .string({ error: '意见应为文字' })
  .trim()
  .max(COMMENT_MAX, { error: `意见不能超过 ${COMMENT_MAX} 字` })
  .optional();
const id = (label: string) =>
  z
    .number({ error: `请选择${label}` })
    .int()
    .positive();

// ---- action bodies ----------------------------------------------------------------------------------

export const commentOnly = z.strictObject({ comment }).nullish();
export const inviteFields = {
  userIds: z
    .array(id('联名人'), { error: '请选择联名人' })
    .min(1, { error: '请至少选择一位联名人' })
    .max(COSIGNERS_MAX, { error: `联名人不能超过 ${COSIGNERS_MAX} 位` }),
  confirmBy: dateField('确认截止日期'),
};
export const inviteBody = z.strictObject(inviteFields);
export const reasonField = (label: string) => textField(label, COMMENT_MAX);
export const reasonBody = (label: string) => z.strictObject({ reason: reasonField(label) });
export const mergeFields = { mainId: id('并入的主件'), comment };
export const mergeBody = z.strictObject(mergeFields);
const cooperatingUnitIds = z
  .array(id('协办单位'), { error: '请选择协办单位' })
  .max(COOPERATING_UNITS_MAX, { error: `协办单位不能超过 ${COOPERATING_UNITS_MAX} 个` })
  .default([]);
export const forwardFields = {
  // 民主监督: omitted, the agency the report's project supervises (forwardToAgencyBody).
  leadUnitId: id('主办单位').optional(),
  cooperatingUnitIds,
  // Omitted: the type's working days for handling, from today, on the holiday calendar.
  dueDate: dateField('办理期限').optional(),
  comment,
};
export const forwardBody = z.strictObject({ ...forwardFields, leadUnitId: id('主办单位') });
// 民主监督: the report goes to the agency its project supervises, unless staff name another unit.
export const forwardToAgencyBody = z.strictObject(forwardFields);
const attachmentIds = z
  .array(z.number({ error: '附件应为上传后得到的编号' }).int().positive(), { error: '附件应为编号的列表' })
  .max(ATTACHMENTS_MAX, { error: `附件不能超过 ${ATTACHMENTS_MAX} 个` })
  .default([]);
const answerCategory = z.enum(ANSWER_CATEGORIES, {
  error: '请选择办理结果：已解决、列入计划解决或留作参考',
});
export const leadAnswerBody = z.strictObject({
  letter: textField('答复内容', TEXT_MAX),
  category: answerCategory,
  attachmentIds,
});
export const partAnswerBody = z.strictObject({
  letter: textField('协办意见', TEXT_MAX),
  category: answerCategory.optional(),
  attachmentIds,
});
// Either answer, as the route takes it (the category is required of the lead unit by leadAnswerBody).
// An empty letter passes here and is refused by the transition's body beside a missing category, so the
// lead unit is told both at once rather than one per try.
export const answerFields = {
  letter: z
    .string({ error: '请填写答复内容' })
    .trim()
    .max(TEXT_MAX, { error: `答复内容不能超过 ${TEXT_MAX} 字` }),
  category: answerCategory.optional(),
  attachmentIds,
};
export const rateFields = {
  rating: z.enum(RATINGS, { error: '请选择评价：满意、基本满意或不满意' }),
  comment,
};
export const rateBody = z.strictObject(rateFields);
export const adoptFields = {
  note: z
    .string({ error: '采纳情况应为文字' })
    .trim()
    .max(COMMENT_MAX, { error: `采纳情况不能超过 ${COMMENT_MAX} 字` })
    .optional(),
};
export const adoptBody = z.strictObject(adoptFields);
export const instructionFields = {
  leader: textField('批示领导', LEADER_MAX),
  level: z.enum(INSTRUCTION_LEVELS, { error: '请选择批示领导的级别' }),
  givenOn: dateField('批示日期'),
  text: textField('批示内容', INSTRUCTION_MAX),
};
export const instructionBody = z.strictObject(instructionFields);
export const taskFields = {
  planItemId: id('工作要点条目'),
  // Omitted: the case's lead handling unit.
  leadUnitId: id('牵头单位').optional(),
  dueDate: dateField('完成时限'),
  // Omitted: the case's title.
  title: textField('任务名称', TITLE_MAX).optional(),
};
export const taskBody = z.strictObject(taskFields);

// ---- the content of each type of case ----------------------------------------------------------------

export const proposalContent = z.strictObject({
  situation: textField('情况', TEXT_MAX),
  analysis: textField('分析', TEXT_MAX),
  suggestions: textField('建议', TEXT_MAX),
  attachmentIds,
});
export const oversightContent = z.strictObject({
  projectId: id('民主监督项目'),
  findings: textField('发现的问题', TEXT_MAX),
  suggestions: textField('意见建议', TEXT_MAX),
  attachmentIds,
});
export const appealContent = z.strictObject({
  kind: z.enum(APPEAL_KINDS, { error: '请选择诉求类型：诉求、协调、政策咨询或其他' }),
  channel: z.enum(APPEAL_CHANNELS, { error: '请选择反映渠道' }),
  enterprise: textField('企业名称', TITLE_MAX),
  // A contact of modules/contacts (the enterprise's person), when recorded.
  contactId: z.number().int().positive().optional(),
  // Raised at a 政企座谈会 (GET /api/case-meetings).
  meetingId: z.number().int().positive().optional(),
  content: textField('诉求内容', TEXT_MAX),
  attachmentIds,
});
export const grassrootsContent = z.strictObject({
  need: z.enum(GRASSROOTS_NEEDS, { error: '请选择困难类型：人员力量、工作经费、协调事项或其他' }),
  content: textField('困难和问题', TEXT_MAX),
  attachmentIds,
});
