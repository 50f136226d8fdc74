// Review of a submitted report by the staff who manage the task: return it with a comment (its author
// fixes and resubmits it), or accept it. Accepting is "report once": in the same transaction the task's
// progress, indicator actuals and milestone done dates take the report's values, and afterTaskChange
// recomputes the colour and the parents' roll-up, so nothing is retyped anywhere else.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../../core/access/actor.ts';
import { toTimestamp } from '../../../core/clock.ts';
import { appError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import type { Database, ProgressReportRow } from '../../../db/schema.ts';
import { periodLabel } from '../rules/periods.ts';
import { afterTaskChange } from '../task.effects.ts';
import { canManageTask } from '../task.policy.ts';
import { findTaskById, updateTask, type TaskWithNames } from '../task.repository.ts';
import { recordTaskEvent } from '../task.timeline.ts';
import {
  findReport,
  markMilestoneDone,
  setIndicatorActual,
  updateReportAtVersion,
} from './report.repository.ts';
import { indicatorActualsOf, milestonesReachedOf } from './report.present.ts';
import { getReport } from './report.service.ts';

/** The report's author hears of the review in the inbox (returned: fix and resubmit; accepted). */
async function tellAuthor(
  s: Services,
  trx: Transaction<Database>,
  ctx: RequestContext,
  task: TaskWithNames,
  row: ProgressReportRow,
  kind: 'report.returned' | 'report.accepted',
  comment?: string,
) {
  if (row.submitted_by === null) return;
  const period = periodLabel(row.period_key);
  await s.notify(trx, {
    recipients: [{ userId: row.submitted_by }],
    kind,
    title:
      kind === 'report.returned'
        ? `《${task.title}》${period}的进度报告被退回，请修改后重新报送`
        : `《${task.title}》${period}的进度报告已审核通过`,
    ...(comment ? { body: comment } : {}),
    object: {
      type: 'report',
      id: row.id,
      link: `/tasks/${task.id}?report=${encodeURIComponent(row.period_key)}`,
    },
    except: ctx.actor ? [ctx.actor.userId] : [],
  });
}

async function submittedReport(
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  periodKey: string,
  version: number,
  db: Parameters<typeof findReport>[0],
) {
  if (!canManageTask(ctx.actor, task))
    throw appError('FORBIDDEN', '只有交办该任务的地区统战部工作人员可以审核进度报告');
  const row = await findReport(db, task.id, periodKey);
  if (!row) throw appError('REPORT_NOT_FOUND');
  if (row.version !== version) throw appError('VERSION_CONFLICT');
  if (row.status !== 'submitted') throw appError('REPORT_STATE', '只有已报送、待审核的进度报告可以审核');
  return row;
}

export async function returnReport(
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  periodKey: string,
  version: number,
  comment: string,
) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await submittedReport(s, ctx, task, periodKey, version, trx);
    const now = toTimestamp(s.clock.now());
    const ok = await updateReportAtVersion(trx, row, version, ['submitted'], {
      status: 'returned',
      review_comment: comment,
      reviewed_at: now,
      reviewed_by: ctx.actor?.userId ?? null,
      returned_at: now,
      updated_at: now,
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    await recordTaskEvent(trx, s, ctx, task.id, 'report_returned', { period: periodKey, comment });
    await tellAuthor(s, trx, ctx, task, row, 'report.returned', comment);
    await s.audit.record(trx, ctx, {
      action: 'report.return',
      objectType: 'progress_report',
      objectId: row.id,
      note: { taskId: task.id, period: periodKey, comment },
    });
    // A returned report not fixed in time turns the task red: the colour reads the row just written.
    await afterTaskChange(trx, s, ctx, task.id, 'progress');
  });
  return getReport(s, ctx, task, periodKey);
}

export async function acceptReport(
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  periodKey: string,
  version: number,
) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await submittedReport(s, ctx, task, periodKey, version, trx);
    const now = toTimestamp(s.clock.now());
    const ok = await updateReportAtVersion(trx, row, version, ['submitted'], {
      status: 'accepted',
      reviewed_at: now,
      reviewed_by: ctx.actor?.userId ?? null,
      updated_at: now,
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    // Report once: the report's facts become the task's facts. A completed or cancelled task keeps its
    // own (its end was decided by staff), the report is still accepted into the record.
    const current = (await findTaskById(trx, task.id))!;
    const open = current.status !== 'completed' && current.status !== 'cancelled';
    if (open && row.percent !== null && row.percent !== current.progress)
      await updateTask(trx, task.id, { progress: row.percent, updated_at: now });
    for (const a of indicatorActualsOf(row)) await setIndicatorActual(trx, task.id, a.indicatorId, a.actual);
    for (const m of milestonesReachedOf(row)) {
      if (await markMilestoneDone(trx, task.id, m.milestoneId, m.doneDate))
        await recordTaskEvent(trx, s, ctx, task.id, 'milestone_reached', {
          milestoneId: m.milestoneId,
          doneDate: m.doneDate,
          period: periodKey,
        });
    }
    await tellAuthor(s, trx, ctx, task, row, 'report.accepted');
    await recordTaskEvent(trx, s, ctx, task.id, 'report_accepted', {
      period: periodKey,
      percent: row.percent,
    });
    await s.audit.record(trx, ctx, {
      action: 'report.accept',
      objectType: 'progress_report',
      objectId: row.id,
      note: { taskId: task.id, period: periodKey, percent: row.percent },
    });
    await afterTaskChange(trx, s, ctx, task.id, 'progress');
  });
  return getReport(s, ctx, task, periodKey);
}
