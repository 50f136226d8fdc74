// "Turn into task": an adopted case becomes a task of the tasks module, linked to a plan item and to the
// case, assigned to its lead unit at once; the proposer follows its progress on the case page, and is
// told when it is completed (case.task-done.ts).
import { appError } from '../../../core/errors.ts';
import { parseOrRefuse } from '../../../core/http/validation.ts';
import { insertNewTask, taskCreateBody } from '../../tasks/index.ts';
import { CASE_TYPE_LABELS, type CaseType } from '../engine/vocabulary.ts';
import type { StepArgs } from './step.ts';

export async function caseToTask({ trx, s, ctx, c, input, today }: StepArgs): Promise<number> {
  const leadUnitId = (input.leadUnitId as number | undefined) ?? c.lead_unit_id;
  if (leadUnitId === null) throw appError('CASE_INVALID', '请选择任务的牵头单位');
  const task = parseOrRefuse(taskCreateBody, {
    planItemId: input.planItemId,
    source: 'plan',
    title: (input.title as string | undefined) ?? c.title,
    description: `由${CASE_TYPE_LABELS[c.type as CaseType]}《${c.title}》（${c.submitter_org_name}）转为任务，办理情况在事项页面可见。`,
    leadUnitId,
    startDate: today,
    dueDate: input.dueDate,
    assign: true,
  });
  return insertNewTask(trx, s, ctx, task);
}
