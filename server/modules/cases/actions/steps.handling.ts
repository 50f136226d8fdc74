// Handling: staff forward to a lead unit and cooperating units with a due date; the lead unit may ask to
// return a misrouted case, which staff accept (the case goes back to them) or reject; the units answer.
import { appError } from '../../../core/errors.ts';
import { deadlineDays } from '../engine/engine.ts';
import { attachCaseFiles } from '../case.files.ts';
import { findProject } from '../drafts/draft.repository.ts';
import { deleteHandlers, findActiveUnits, insertAnswer, insertHandlers } from './action.repository.ts';
import { text, type StepEffect } from './step.ts';

export const forward: StepEffect = async ({ trx, c, config, input, today, now, calendar }) => {
  let leadUnitId = input.leadUnitId as number | undefined;
  if (leadUnitId === undefined && c.project_id !== null)
    leadUnitId = (await findProject(trx, c.project_id))?.agency_unit_id;
  if (leadUnitId === undefined) throw appError('CASE_INVALID', '请选择主办单位');
  const cooperating = [...new Set((input.cooperatingUnitIds as number[] | undefined) ?? [])].filter(
    (id) => id !== leadUnitId,
  );
  const units = await findActiveUnits(trx, [leadUnitId, ...cooperating]);
  if (units.length !== cooperating.length + 1) throw appError('CASE_INVALID', '所选的办理单位不存在或已停用');
  const days = deadlineDays(config, 'forwarded') ?? 0;
  const dueDate = (input.dueDate as string | undefined) ?? calendar.addWorkingDays(today, days);
  if (dueDate < today) throw appError('CASE_INVALID', '办理期限不能早于今天');
  await deleteHandlers(trx, c.id);
  await insertHandlers(trx, [
    { case_id: c.id, unit_id: leadUnitId, role: 'lead', due_date: dueDate, assigned_at: now },
    ...cooperating.map((unit_id) => ({
      case_id: c.id,
      unit_id,
      role: 'cooperating',
      due_date: dueDate,
      assigned_at: now,
    })),
  ]);
  const name = (id: number) => units.find((u) => u.id === id)!.name;
  return {
    patch: { lead_unit_id: leadUnitId, forwarded_at: now },
    dueDate,
    comment: text(input.comment),
    payload: { leadUnit: name(leadUnitId), cooperatingUnits: cooperating.map(name), dueDate },
  };
};

export const requestReturn: StepEffect = async ({ input }) => ({ comment: text(input.reason) });

export const acceptReturn: StepEffect = async ({ trx, c, input }) => {
  await deleteHandlers(trx, c.id);
  return {
    patch: { lead_unit_id: null, forwarded_at: null },
    comment: text(input.comment),
    payload: { returnedBy: c.lead_unit_name },
  };
};

export const rejectReturn: StepEffect = async ({ c, around, input }) => ({
  // Back to the lead unit, on the date it had.
  dueDate: around.handlers.find((h) => h.role === 'lead')?.due_date ?? c.due_date,
  comment: text(input.reason),
});

export const answer: StepEffect = async ({ trx, s, ctx, c, around, input, to, from, today, now }) => {
  const actor = ctx.actor!;
  const handler = around.handlers.find((h) => h.unit_id === actor.unitId);
  // Staff answering a 基层 request themselves answer as the lead.
  const role = handler?.role === 'cooperating' ? 'cooperating' : 'lead';
  const dueDate = handler?.due_date ?? c.due_date;
  const onTime = dueDate === null || today <= dueDate;
  const category = text(input.category);
  const attachmentIds = Array.isArray(input.attachmentIds)
    ? input.attachmentIds.filter((id): id is number => typeof id === 'number')
    : [];
  // The letter's files belong to the case: its readers download them (case.files.ts).
  await attachCaseFiles(s, trx, ctx, c.id, attachmentIds);
  await insertAnswer(trx, {
    case_id: c.id,
    unit_id: actor.unitId!,
    round: c.round,
    role,
    letter: input.letter as string,
    category,
    attachment_ids: JSON.stringify(attachmentIds),
    due_date: dueDate,
    on_time: onTime ? 1 : 0,
    answered_by: actor.userId,
    answerer_name: actor.displayName,
    answered_at: now,
  });
  const first = to === 'answered' && from !== to && c.answered_at === null;
  return {
    patch: first ? { answered_at: now, answered_on_time: onTime ? 1 : 0 } : {},
    payload: { role, category, onTime, round: c.round },
  };
};
