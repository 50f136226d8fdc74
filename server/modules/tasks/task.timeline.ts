// A task's timeline: everything that happened to it, in order, in words a clerk reads.
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { insertTaskEvent, listTaskEvents } from './task.history.repository.ts';

export const TASK_EVENT_LABELS = {
  created: '创建任务',
  edited: '修改任务',
  assigned: '交办',
  signed: '签收',
  decomposed: '分解出下级任务',
  adjustment_requested: '申请调整',
  adjustment_approved: '同意调整',
  adjustment_refused: '不同意调整',
  report_submitted: '报送进度',
  report_returned: '退回进度报告',
  report_accepted: '审核通过进度报告',
  milestone_reached: '完成里程碑',
  health_changed: '颜色变化',
  completion_requested: '申请办结',
  completion_returned: '退回办结申请',
  completed: '办结（销号）',
  cancelled: '撤销任务',
  progress_rolled_up: '下级任务进度汇总',
  reminded: '催报进度',
  notice_issued: '下发督办单',
  notice_closed: '督办单办结',
  deadline_reminded: '到期提醒',
  deadline_escalated: '逾期督办',
  instruction_created: '领导批示',
  instruction_followed_up: '反馈批示落实情况',
  instruction_more_requested: '要求补充批示落实情况',
  instruction_done: '确认批示落实完毕',
} as const;
export type TaskEventKind = keyof typeof TASK_EVENT_LABELS;

export async function recordTaskEvent(
  trx: Transaction<Database>,
  s: Services,
  ctx: RequestContext,
  taskId: number,
  kind: TaskEventKind,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await insertTaskEvent(trx, {
    taskId,
    at: toTimestamp(s.clock.now()),
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.displayName ?? null,
    kind,
    detail,
  });
}

const detailSchema = z.record(z.string(), z.unknown());

export async function getTaskTimeline(s: Services, taskId: number) {
  const rows = await listTaskEvents(s.db.kysely, taskId);
  return rows.map((e) => {
    let detail: Record<string, unknown> = {};
    try {
      const parsed = detailSchema.safeParse(JSON.parse(e.detail));
      if (parsed.success) detail = parsed.data;
    } catch {
      // a malformed stored detail shows as none
    }
    return {
      id: Number(e.id),
      at: e.at,
      actorName: e.actor_name,
      kind: e.kind,
      label: TASK_EVENT_LABELS[e.kind as TaskEventKind] ?? e.kind,
      detail,
    };
  });
}
