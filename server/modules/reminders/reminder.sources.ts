// Deadline sources (到期事项来源): where the reminder job finds the deadlines it watches. Each source lists
// the open deadlines due in a window of days and, optionally, records a reminder or an escalation on its
// record's own timeline. The tasks' three (task due, milestone due, report due) are here; another module
// (督办单 notices: their response due date) exports a source of its own, and the composition root
// (server/jobs.ts) hands the job every source.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import type { MessageObjectType } from '../../core/notify/kinds.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { periodLabel, recordTaskEvent } from '../tasks/index.ts';
import type { DeadlineKind, Step } from './reminder.ladder.ts';
import { listMilestonesDueIn, listReportsDueIn, listTasksDueIn, type Window } from './reminder.repository.ts';

/** One open deadline: what it is about, when it is due, whose it is. */
export interface DeadlineRow {
  /** The record whose deadline it is ('task', 'milestone', 'report', 'notice' …), as the ledger keys it. */
  objectType: string;
  objectId: string;
  kind: DeadlineKind;
  dueDate: string;
  /** The managing region's path (or its code: the path's last segment names the region): its staff and
   * leaders are escalation steps 3 and 4. */
  regionPath: string;
  /** The unit that must act: its handlers are reminded (step 0, 1), its head told (step 2). */
  leadUnitId: number;
  /** What a person reads: '任务《…》', '进度报告（2026年5月）《…》'. */
  title: string;
  /** The web app page the message opens. */
  link: string;
  /** The record the inbox message is about. */
  messageObject: { type: MessageObjectType; id: number | string };
  /** The task whose timeline records it, when there is one. */
  taskId: number | null;
}

/** A reminder or escalation step just sent, for the record's timeline. */
export interface SentStep {
  step: Step;
  stepLabel: string;
  /** Working days left before the deadline (step 0) or overdue (steps 1–4). */
  workingDays: number;
  recipients: number;
}

export interface DeadlineSource {
  kind: DeadlineKind;
  /** '任务完成时限', '里程碑', '进度报告截止', '督办单反馈期限'. */
  label: string;
  list(s: Services, window: Window): Promise<DeadlineRow[]>;
  /** Writes the step on the record's own timeline, in the sending transaction. */
  record(
    trx: Transaction<Database>,
    s: Services,
    ctx: RequestContext,
    row: DeadlineRow,
    sent: SentStep,
  ): Promise<void>;
}

/** The timeline event a step is (到期提醒 before the deadline, 逾期督办 after it) and what it says. */
export function timelineStep(row: DeadlineRow, sent: SentStep, label: string) {
  return {
    kind: sent.step === 0 ? ('deadline_reminded' as const) : ('deadline_escalated' as const),
    detail: {
      deadline: label,
      item: row.title,
      dueDate: row.dueDate,
      step: sent.step,
      stepLabel: sent.stepLabel,
      workingDays: sent.workingDays,
      recipients: sent.recipients,
    },
  };
}

async function onTaskTimeline(
  trx: Transaction<Database>,
  s: Services,
  ctx: RequestContext,
  row: DeadlineRow,
  sent: SentStep,
  label: string,
) {
  if (row.taskId === null) return;
  const e = timelineStep(row, sent, label);
  await recordTaskEvent(trx, s, ctx, row.taskId, e.kind, e.detail);
}

const taskDue: DeadlineSource = {
  kind: 'task_due',
  label: '任务完成时限',
  async list(s, window) {
    return (await listTasksDueIn(s.db.kysely, window)).map((t) => ({
      objectType: 'task',
      objectId: String(t.id),
      kind: 'task_due' as const,
      dueDate: t.due_date,
      regionPath: t.manager_region_path,
      leadUnitId: t.lead_unit_id,
      title: `任务《${t.title}》`,
      link: `/tasks/${t.id}`,
      messageObject: { type: 'task' as const, id: t.id },
      taskId: t.id,
    }));
  },
  record: (trx, s, ctx, row, sent) => onTaskTimeline(trx, s, ctx, row, sent, '任务完成时限'),
};

const milestoneDue: DeadlineSource = {
  kind: 'milestone_due',
  label: '里程碑',
  async list(s, window) {
    return (await listMilestonesDueIn(s.db.kysely, window)).map((m) => ({
      objectType: 'milestone',
      objectId: String(m.id),
      kind: 'milestone_due' as const,
      dueDate: m.due_date,
      regionPath: m.manager_region_path,
      leadUnitId: m.lead_unit_id,
      title: `任务《${m.task_title}》的里程碑“${m.title}”`,
      link: `/tasks/${m.task_id}`,
      messageObject: { type: 'task' as const, id: m.task_id },
      taskId: m.task_id,
    }));
  },
  record: (trx, s, ctx, row, sent) => onTaskTimeline(trx, s, ctx, row, sent, '里程碑'),
};

// A milestone period's key names the milestone by id; the message need not look it up.
const reportPeriod = (key: string) =>
  key.startsWith('m:') && key !== 'm:final' ? '里程碑期' : periodLabel(key);

const reportDue: DeadlineSource = {
  kind: 'report_due',
  label: '进度报告截止',
  async list(s, window) {
    return (await listReportsDueIn(s.db.kysely, window)).map((r) => ({
      objectType: 'report',
      objectId: String(r.id),
      kind: 'report_due' as const,
      dueDate: r.due_date,
      regionPath: r.manager_region_path,
      leadUnitId: r.lead_unit_id,
      title: `任务《${r.task_title}》的进度报告（${reportPeriod(r.period_key)}）`,
      link: `/tasks/${r.task_id}?report=${encodeURIComponent(r.period_key)}`,
      messageObject: { type: 'task' as const, id: r.task_id },
      taskId: r.task_id,
    }));
  },
  record: (trx, s, ctx, row, sent) => onTaskTimeline(trx, s, ctx, row, sent, '进度报告截止'),
};

/** The tasks' deadlines: task due, milestone due, report due. */
export const TASK_DEADLINE_SOURCES: readonly DeadlineSource[] = [taskDue, milestoneDue, reportDue];
