// The answer date of a case (提案、民主监督报告、政企诉求、基层诉求) as a deadline source: a case forwarded
// to its lead unit, or reopened after 不满意, is reminded before its answer date and escalated after it
// like a task (the unit's handlers, its head, the handling region's staff, a leader). Each step goes on
// the case's own timeline.
import { CASE_TYPE_LABELS, listCasesAwaitingAnswer, recordCaseReminder } from '../cases/index.ts';
import { timelineStep, type DeadlineSource } from './reminder.sources.ts';

export const caseAnswerDue: DeadlineSource = {
  kind: 'case_answer_due',
  label: '事项答复期限',
  async list(s, window) {
    const rows = await listCasesAwaitingAnswer(s.db.kysely, window.from, window.to);
    return rows.map((c) => ({
      objectType: 'case',
      objectId: String(c.id),
      kind: 'case_answer_due' as const,
      dueDate: c.due_date!,
      regionPath: c.region_code,
      leadUnitId: c.lead_unit_id!,
      title: `${(CASE_TYPE_LABELS as Record<string, string>)[c.type] ?? ''}《${c.title}》`,
      link: `/cases/${c.id}`,
      messageObject: { type: 'case' as const, id: c.id },
      taskId: null,
    }));
  },
  record: async (trx, s, ctx, row, sent) => {
    const e = timelineStep(row, sent, '事项答复期限');
    await recordCaseReminder(trx, s, ctx, Number(row.objectId), e.kind, e.detail);
  },
};
