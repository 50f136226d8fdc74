// Issuing a notice on a task, and reading notices: the list in scope, one notice's page, a task's notices.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import { immutable } from '../../core/immutable.ts';
import type { Services } from '../../core/services.ts';
import { readCache } from '../../db/read-cache.ts';
import type { Database } from '../../db/schema.ts';
import { canManageTask, recordTaskEvent, type TaskWithNames } from '../tasks/index.ts';
import {
  checkWorkingDeadline,
  colourDates,
  defaultResponseDue,
  refuseNoticeField,
  todayOf,
} from './notice.dates.ts';
import { noticeColourHistory, settleNoticeColour } from './notice.colour.ts';
import { announceIssued } from './notice.notify.ts';
import { mayTakeStep, mayWithdraw, noticeVisibility } from './notice.policy.ts';
import { presentEvent, presentSummary, ratingLabel, type NoticeEventKind } from './notice.present.ts';
import {
  findNoticeById,
  findRegionPath,
  findReportOfTask,
  findUnits,
  insertCopies,
  insertNotice,
  insertNoticeEvent,
  listCopies,
  listNoticeEvents,
  listNotices,
  type NoticeWithNames,
} from './notice.repository.ts';
import {
  activeDeadline,
  checkStep,
  checkWithdraw,
  LEVEL_LABELS,
  NOTICE_STEPS,
  type NoticeStep,
} from './notice.rules.ts';
import type { noticeCreateBody, noticeListQuery } from './notice.schemas.ts';
import type { z } from 'zod';

type Trx = Transaction<Database>;

export async function recordNoticeEvent(
  trx: Trx,
  s: Services,
  ctx: RequestContext,
  noticeId: number,
  kind: NoticeEventKind,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await insertNoticeEvent(trx, {
    noticeId,
    at: toTimestamp(s.clock.now()),
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.displayName ?? null,
    kind,
    detail,
  });
}

const OPEN_TASK = ['assigned', 'accepted', 'completion_requested'];

/** Staff of the task's managing region issue a notice on it (from its page, the red list or a report). */
export async function issueNotice(
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
  body: z.infer<typeof noticeCreateBody>,
) {
  if (!canManageTask(ctx.actor, task))
    throw appError('FORBIDDEN', '只有交办该任务的地区统战部工作人员可以下发督办单');
  if (!OPEN_TASK.includes(task.status)) throw appError('NOTICE_TASK_CLOSED');
  const actor = ctx.actor!;
  const today = todayOf(s);
  const responseDue = body.responseDue ?? (await defaultResponseDue(s.db.kysely, today, body.level));
  if (body.responseDue)
    await checkWorkingDeadline(s.db.kysely, today, body.responseDue, 'responseDue', '反馈期限');
  const copyIds = [...new Set(body.copyToUnitIds)].filter((id) => id !== task.lead_unit_id);
  const units = await findUnits(s.db.kysely, copyIds);
  if (units.length !== copyIds.length || units.some((u) => u.status !== 'active'))
    refuseNoticeField('copyToUnitIds', '抄送单位不存在或已停用，请重新选择');
  if (body.reportId !== undefined && !(await findReportOfTask(s.db.kysely, body.reportId, task.id)))
    refuseNoticeField('reportId', '该进度报告不属于此任务');

  const id = await s.db.kysely.transaction().execute(async (trx) => {
    const now = toTimestamp(s.clock.now());
    const noticeId = await insertNotice(trx, {
      task_id: task.id,
      report_id: body.reportId ?? null,
      level: body.level,
      status: 'issued',
      reason: body.reason,
      requirements: body.requirements,
      response_due: responseDue,
      fix_due: null,
      active_due: activeDeadline('issued', responseDue, null),
      region_code: task.region_code,
      region_path: task.region_path,
      manager_region_code: task.manager_region_code,
      manager_region_path: task.manager_region_path,
      lead_unit_id: task.lead_unit_id,
      issued_by: actor.userId,
      issuer_name: actor.displayName,
      issued_at: now,
      signed_at: null,
      measures: null,
      responded_at: null,
      completion: null,
      completed_at: null,
      review_comment: null,
      rating: null,
      closed_at: null,
      created_at: now,
      updated_at: now,
    });
    await insertCopies(trx, noticeId, copyIds);
    const detail = { level: body.level, responseDue, reportId: body.reportId ?? null, copyTo: copyIds };
    await recordNoticeEvent(trx, s, ctx, noticeId, 'issued', detail);
    await recordTaskEvent(trx, s, ctx, task.id, 'notice_issued', {
      noticeId,
      level: LEVEL_LABELS[body.level],
      reason: body.reason,
      responseDue,
    });
    await s.audit.record(trx, ctx, {
      action: 'notice.issue',
      objectType: 'notice',
      objectId: noticeId,
      note: { taskId: task.id, ...detail },
    });
    await announceIssued(trx, s, ctx, (await findNoticeById(trx, noticeId))!);
    await settleNoticeColour(trx, s, noticeId, await colourDates(s, trx));
    return noticeId;
  });
  return getNoticeDetail(s, ctx, id);
}

/** The notices in the person's scope, newest first, by status, level, colour, region, task or "mine". */
// A list page is kept in the read cache while nothing is written (db/read-cache.ts): keyed by the reader's
// visibility, the query (with the reader's own ids when it asks for "mine") and today, which the colours
// and their working-day dates follow; frozen, so its JSON is written once.
export async function listVisibleNotices(
  s: Services,
  ctx: RequestContext,
  q: z.infer<typeof noticeListQuery>,
) {
  const mine = q.mine && ctx.actor ? [ctx.actor.userId, ctx.actor.unitId] : null;
  const key = JSON.stringify([todayOf(s), noticeVisibility(ctx.actor), q, mine]);
  return readCache<Readonly<Awaited<ReturnType<typeof noticePage>>>>(s.db, 'notice list pages', 500).get(
    key,
    async () => immutable(await noticePage(s, ctx, q)),
  );
}

async function noticePage(s: Services, ctx: RequestContext, q: z.infer<typeof noticeListQuery>) {
  const dates = await colourDates(s);
  let regionPath: string | undefined;
  if (q.regionCode) {
    // An unknown region holds no notices.
    regionPath = (await findRegionPath(s.db.kysely, q.regionCode)) ?? `${q.regionCode}\u0000`;
  }
  const rows = await listNotices(s.db.kysely, noticeVisibility(ctx.actor), {
    status: q.status,
    level: q.level,
    colour: q.colour ? { colour: q.colour, ...dates } : undefined,
    regionPath,
    taskId: q.taskId,
    mine: q.mine && ctx.actor ? { userId: ctx.actor.userId, unitId: ctx.actor.unitId } : undefined,
    beforeId: decodeCursor<number>(q.cursor, 'number'),
    limit: q.limit,
  });
  return pageOf(
    rows,
    q.limit,
    (r) => r.id,
    (r) => presentSummary(r, dates),
  );
}

/**
 * A task's notices that this person may see, for the 督办单 section of its page: a unit that cooperates
 * on the task sees the task but only the notices it leads or is copied to.
 */
export async function listTaskNotices(s: Services, ctx: RequestContext, taskId: number) {
  const dates = await colourDates(s);
  const rows = await listNotices(s.db.kysely, noticeVisibility(ctx.actor), { taskId, limit: 200 });
  return rows.slice(0, 200).map((r) => presentSummary(r, dates));
}

function actionsFor(ctx: RequestContext, n: NoticeWithNames) {
  const can = (step: NoticeStep) =>
    checkStep(step, n.level, n.status).ok && mayTakeStep(ctx.actor, NOTICE_STEPS[step].who, n);
  return {
    sign: can('sign'),
    respond: can('respond'),
    complete: can('complete'),
    accept: can('accept'),
    return: can('return'),
    close: can('close'),
    requestDelist: can('requestDelist'),
    approveDelist: can('approveDelist'),
    refuseDelist: can('refuseDelist'),
    withdraw: checkWithdraw(n.status).ok && mayWithdraw(ctx.actor, n),
  };
}

export async function getNoticeDetail(s: Services, ctx: RequestContext, id: number) {
  const n = await findNoticeById(s.db.kysely, id);
  if (!n) throw appError('NOTICE_NOT_FOUND');
  const [dates, copies, events, report, colourHistory] = await Promise.all([
    colourDates(s),
    listCopies(s.db.kysely, id),
    listNoticeEvents(s.db.kysely, id),
    n.report_id === null ? undefined : findReportOfTask(s.db.kysely, n.report_id, n.task_id),
    noticeColourHistory(s, id),
  ]);
  return {
    ...presentSummary(n, dates),
    requirements: n.requirements,
    measures: n.measures,
    completion: n.completion,
    reviewComment: n.review_comment,
    rating: n.rating,
    ratingLabel: ratingLabel(n.rating),
    copyTo: copies.map((c) => ({ id: c.id, name: c.name })),
    report: report ? { id: report.id, periodKey: report.period_key } : null,
    signedAt: n.signed_at,
    respondedAt: n.responded_at,
    completedAt: n.completed_at,
    closedAt: n.closed_at,
    withdrawnAt: n.withdrawn_at,
    withdrawReason: n.withdraw_reason,
    timeline: events.map(presentEvent),
    colourHistory,
    actions: actionsFor(ctx, n),
  };
}
