// Progress reports (进度填报) for the lead unit and its cooperating units: the periods of a task, one
// report's form (pre-filled from the last accepted report so only what changed is typed), saving a
// draft, submitting it, and a cooperating unit's part (配合单位反馈) of the same period.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../../core/access/actor.ts';
import { toTimestamp } from '../../../core/clock.ts';
import { appError } from '../../../core/errors.ts';
import { idempotentTransaction } from '../../../core/http/idempotency.transaction.ts';
import type { Services } from '../../../core/services.ts';
import { attachTo, listFor } from '../../attachments/index.ts';
import type { Database, ReportStatus, TaskStatus } from '../../../db/schema.ts';
import { shanghaiDate } from '../rules/dates.ts';
import { actsForLeadUnit, canManageTask, isCooperator } from '../task.policy.ts';
import {
  findTaskById,
  listCooperators,
  listIndicators,
  listMilestones,
  type TaskWithNames,
} from '../task.repository.ts';
import { refreshHealth } from '../task.health.ts';
import { recordTaskEvent } from '../task.timeline.ts';
import {
  findContribution,
  findLastAccepted,
  findReport,
  insertContribution,
  listContributions,
  listTaskReports,
  updateContributionAtVersion,
  updateReportAtVersion,
} from './report.repository.ts';
import { indicatorActualsOf, milestonesReachedOf, presentSummary } from './report.present.ts';
import type { ReportContent } from './report.schemas.ts';

type Trx = Transaction<Database>;

/** A report is written (saved, submitted, added to) only while it is open. */
const OPEN: ReportStatus[] = ['due', 'draft', 'returned'];
/** …and while the task is in the lead unit's hands, signed for. */
const REPORTABLE: TaskStatus[] = ['accepted', 'completion_requested'];

function refuseField(field: string, message: string): never {
  throw appError('REPORT_INVALID', message, {
    problems: [{ in: 'body', path: field, code: 'report_rule', message }],
  });
}

async function periodMilestones(db: Services['db']['kysely'] | Trx, taskId: number) {
  return (await listMilestones(db, taskId)).map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date }));
}

/** The task's reports, one per period opened so far, oldest first. */
export async function listReports(s: Services, task: TaskWithNames) {
  const [rows, milestones] = await Promise.all([
    listTaskReports(s.db.kysely, task.id),
    periodMilestones(s.db.kysely, task.id),
  ]);
  return rows.map((r) => presentSummary(r, milestones));
}

async function reportOf(db: Services['db']['kysely'] | Trx, taskId: number, periodKey: string) {
  const row = await findReport(db, taskId, periodKey);
  if (!row) throw appError('REPORT_NOT_FOUND');
  return row;
}

/**
 * One report with its form. A report nobody has written yet ('due') is pre-filled from the task's last
 * accepted report (percent, indicator actuals, milestones reached, next steps); narrative and problems
 * start empty, being about this period. With no accepted report yet the task's own facts fill it.
 */
export async function getReport(
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  periodKey: string,
  // Read in this transaction (the answer stored with an Idempotency-Key is written in the write's own).
  trx?: Trx,
) {
  const db = trx ?? s.db.kysely;
  const row = await reportOf(db, task.id, periodKey);
  const [milestones, cooperators, contributions] = await Promise.all([
    periodMilestones(db, task.id),
    listCooperators(db, task.id),
    listContributions(db, task.id, periodKey),
  ]);
  // Evidence files are the period's own: never carried over from an earlier report.
  const files = await listFor(s, { type: 'progress_report', id: row.id }, trx);
  const attachmentIds = files.map((a) => a.id);
  let content;
  let prefilledFrom: string | null = null;
  if (row.status === 'due') {
    const last = await findLastAccepted(db, task.id);
    if (last) {
      prefilledFrom = last.period_key;
      content = {
        percent: last.percent,
        narrative: '',
        indicatorActuals: indicatorActualsOf(last),
        milestonesReached: milestonesReachedOf(last),
        problems: '',
        nextSteps: last.next_steps,
        attachmentIds,
      };
    } else {
      const [indicators, done] = [await listIndicators(db, task.id), await listMilestones(db, task.id)];
      content = {
        percent: task.progress,
        narrative: '',
        indicatorActuals: indicators.flatMap((i) =>
          i.actual === null ? [] : [{ indicatorId: i.id, actual: i.actual }],
        ),
        milestonesReached: done.flatMap((m) =>
          m.done_date ? [{ milestoneId: m.id, doneDate: m.done_date }] : [],
        ),
        problems: '',
        nextSteps: '',
        attachmentIds,
      };
    }
  } else {
    content = {
      percent: row.percent,
      narrative: row.narrative,
      indicatorActuals: indicatorActualsOf(row),
      milestonesReached: milestonesReachedOf(row),
      problems: row.problems,
      nextSteps: row.next_steps,
      attachmentIds,
    };
  }
  const open = OPEN.includes(row.status) && REPORTABLE.includes(task.status);
  const lead = actsForLeadUnit(ctx.actor, task);
  return {
    ...presentSummary(row, milestones),
    content,
    attachments: files.map((a) => ({ id: a.id, fileName: a.fileName, size: a.size, mime: a.mime })),
    prefilledFrom,
    contributions: contributions.map((c) => ({
      unitId: c.unit_id,
      unitName: c.unit_name,
      text: c.text,
      updatedAt: c.updated_at,
      updatedBy: c.updated_by_name,
      version: c.version,
    })),
    actions: {
      edit: open && lead,
      submit: open && lead,
      contribute:
        open &&
        isCooperator(
          ctx.actor,
          cooperators.map((c) => c.id),
        ),
      review: row.status === 'submitted' && canManageTask(ctx.actor, task),
    },
  };
}

/** Indicator and milestone ids must be the task's own. */
async function checkContent(trx: Trx, taskId: number, content: ReportContent) {
  const [indicators, milestones] = await Promise.all([
    listIndicators(trx, taskId),
    listMilestones(trx, taskId),
  ]);
  for (const [i, a] of content.indicatorActuals.entries())
    if (!indicators.some((x) => x.id === a.indicatorId))
      refuseField(`indicatorActuals/${i}/indicatorId`, '该指标不属于这项任务');
  for (const [i, m] of content.milestonesReached.entries())
    if (!milestones.some((x) => x.id === m.milestoneId))
      refuseField(`milestonesReached/${i}/milestoneId`, '该里程碑不属于这项任务');
}

/** Attaches the newly named files (those already on the report stay; naming them again is harmless). */
async function attachFiles(s: Services, trx: Trx, ctx: RequestContext, reportId: number, ids: number[]) {
  // Nothing named: nothing to read either (the usual submission).
  if (ids.length === 0) return;
  const owner = { type: 'progress_report', id: reportId };
  const already = new Set((await listFor(s, owner, trx)).map((a) => a.id));
  await attachTo(
    s,
    trx,
    ctx,
    ids.filter((id) => !already.has(id)),
    owner,
  );
}

function contentColumns(content: ReportContent) {
  return {
    percent: content.percent,
    narrative: content.narrative,
    indicator_values: JSON.stringify(content.indicatorActuals),
    milestones_reached: JSON.stringify(content.milestonesReached),
    problems: content.problems,
    next_steps: content.nextSteps,
  };
}

/**
 * The row, open for the lead unit's writing, and the task as it is in the transaction; refuses anyone
 * else or a closed one.
 */
async function openForLead(
  trx: Trx,
  ctx: RequestContext,
  task: TaskWithNames,
  periodKey: string,
  version: number,
) {
  if (!actsForLeadUnit(ctx.actor, task)) throw appError('FORBIDDEN', '只有牵头单位可以填报进度');
  const current = (await findTaskById(trx, task.id))!;
  if (!REPORTABLE.includes(current.status)) throw appError('REPORT_STATE', '任务签收后、办结前才能填报进度');
  const row = await reportOf(trx, task.id, periodKey);
  // A stale version first: whoever lost a race is told the report changed, not that it is closed.
  if (row.version !== version) throw appError('VERSION_CONFLICT');
  if (!OPEN.includes(row.status)) throw appError('REPORT_STATE');
  return { row, current };
}

/** Saves the form without submitting it (a returned report stays 'returned' until it is resubmitted). */
export async function saveDraft(
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  periodKey: string,
  version: number,
  content: ReportContent,
) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const { row } = await openForLead(trx, ctx, task, periodKey, version);
    await checkContent(trx, task.id, content);
    const ok = await updateReportAtVersion(trx, row, version, OPEN, {
      ...contentColumns(content),
      status: row.status === 'returned' ? 'returned' : 'draft',
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    await attachFiles(s, trx, ctx, row.id, content.attachmentIds);
  });
  return getReport(s, ctx, task, periodKey);
}

/**
 * Submits the report for review. Late when submitted after its due date, and late for good: a returned
 * report resubmitted on time does not lose the mark. Two submissions of one period at once: the version
 * lets one through; the other is answered 412 and nothing of it is saved. The answer is read in the same
 * transaction, where an Idempotency-Key stores it (idempotentTransaction): one commit in all.
 */
export async function submitReport(
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  periodKey: string,
  version: number,
  content: ReportContent,
) {
  return idempotentTransaction(s.db.kysely, ctx, async (trx) => {
    const { row, current } = await openForLead(trx, ctx, task, periodKey, version);
    await checkContent(trx, task.id, content);
    const now = s.clock.now();
    const late = row.late === 1 || shanghaiDate(now) > row.due_date;
    const ok = await updateReportAtVersion(trx, row, version, OPEN, {
      ...contentColumns(content),
      status: 'submitted',
      late: late ? 1 : 0,
      submitted_at: toTimestamp(now),
      submitted_by: ctx.actor?.userId ?? null,
      updated_at: toTimestamp(now),
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    await attachFiles(s, trx, ctx, row.id, content.attachmentIds);
    const detail = {
      period: periodKey,
      percent: content.percent,
      late,
      resubmitted: row.status === 'returned',
    };
    await recordTaskEvent(trx, s, ctx, task.id, 'report_submitted', detail);
    // A submitted report is no longer owed: the colour's reasons ("…尚未报送") follow at once, not at
    // the next review or night. The task as read above: submitting moves only its count of reports
    // awaiting review, which the colour does not read.
    await refreshHealth(trx, s, ctx, current);
    await s.audit.record(trx, ctx, {
      action: 'report.submit',
      objectType: 'progress_report',
      objectId: row.id,
      note: { taskId: task.id, ...detail },
    });
    return getReport(s, ctx, task, periodKey, trx);
  });
}

/**
 * A cooperating unit's part of the lead unit's report for one period, created or replaced. If-Match is the
 * part's version, 0 for a unit's first part.
 */
export async function contribute(
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  periodKey: string,
  version: number,
  text: string,
) {
  const unitId = ctx.actor?.unitId ?? null;
  const cooperators = await listCooperators(s.db.kysely, task.id);
  if (
    unitId === null ||
    !isCooperator(
      ctx.actor,
      cooperators.map((c) => c.id),
    )
  )
    throw appError('FORBIDDEN', '只有配合单位可以填写配合单位反馈');
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await reportOf(trx, task.id, periodKey);
    if (!OPEN.includes(row.status))
      throw appError('REPORT_STATE', '牵头单位已报送本期进度，配合单位反馈不能再修改');
    const now = toTimestamp(s.clock.now());
    const userId = ctx.actor!.userId;
    const existing = await findContribution(trx, task.id, periodKey, unitId);
    const ok =
      version === 0 && !existing
        ? await insertContribution(trx, {
            task_id: task.id,
            period_key: periodKey,
            unit_id: unitId,
            text,
            updated_by: userId,
            updated_at: now,
          })
        : await updateContributionAtVersion(trx, { taskId: task.id, periodKey, unitId }, version, {
            text,
            updated_by: userId,
            updated_at: now,
          });
    if (!ok) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'report.contribute',
      objectType: 'progress_report',
      objectId: row.id,
      note: { taskId: task.id, period: periodKey, unitId },
    });
  });
  return getReport(s, ctx, task, periodKey);
}
