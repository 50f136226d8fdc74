// 督办单 response dates as a deadline source: a notice waiting for its lead unit's response (待签收 or
// 待反馈) is reminded before its response date and escalated after it like a task. The notices module
// lists them (listNoticesAwaitingResponse); the step is recorded on the notice's own timeline (its page),
// through the notices module's writer: the task's timeline keeps the notice's issue and close only.
import { listNoticesAwaitingResponse, recordNoticeEvent } from '../notices/index.ts';
import { timelineStep, type DeadlineSource } from './reminder.sources.ts';

const LEVELS: Record<string, string> = { general: '一般', key: '重点', listed: '挂牌督办' };

export const noticeResponseDue: DeadlineSource = {
  kind: 'notice_response_due',
  label: '督办单反馈期限',
  async list(s, window) {
    const rows = await listNoticesAwaitingResponse(s, window.to);
    return rows
      .filter((n) => n.response_due >= window.from)
      .map((n) => ({
        objectType: 'notice',
        objectId: String(n.id),
        kind: 'notice_response_due' as const,
        dueDate: n.response_due,
        regionPath: n.manager_region_code,
        leadUnitId: n.lead_unit_id,
        title: `任务《${n.task_title}》的${LEVELS[n.level] ?? ''}督办单`,
        link: `/notices/${n.id}`,
        messageObject: { type: 'notice' as const, id: n.id },
        taskId: n.task_id,
      }));
  },
  record: async (trx, s, ctx, row, sent) => {
    const e = timelineStep(row, sent, '督办单反馈期限');
    await recordNoticeEvent(trx, s, ctx, Number(row.objectId), e.kind, e.detail);
  },
};
