// A notice's life after it is issued: the lead unit signs (签收), responds with measures and a fix date
// (反馈), and reports it fixed (整改完成); staff accept or send back, and close it with a rating; a
// 挂牌督办 notice is closed (摘牌) only when a leader agrees. Every step checks who acts, the state (pure
// rules in notice.rules.ts) and the version, and writes the notice's timeline, the audit event, the
// messages and, on closing, the task's timeline, in one transaction.
import type { Updateable } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import type { AuditAction } from '../../core/audit/audit.catalogue.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { NoticeRating, NoticeTable } from '../../db/schema.ts';
import { recordTaskEvent } from '../tasks/index.ts';
import { settleNoticeColour } from './notice.colour.ts';
import { checkWorkingDeadline, colourDates, todayOf } from './notice.dates.ts';
import {
  announceClosed,
  announceDelistRefused,
  announceDelistRequested,
  announceResponded,
  announceToLead,
} from './notice.notify.ts';
import { mayTakeStep, WHO_MESSAGE } from './notice.policy.ts';
import type { NoticeEventKind } from './notice.present.ts';
import { findNoticeById, updateNoticeAtVersion, type NoticeWithNames } from './notice.repository.ts';
import { activeDeadline, checkStep, NOTICE_STEPS, RATING_LABELS, type NoticeStep } from './notice.rules.ts';
import { getNoticeDetail, recordNoticeEvent } from './notice.service.ts';

export interface StepInput {
  measures?: string;
  fixDue?: string;
  summary?: string;
  comment?: string;
  rating?: NoticeRating;
}

const AUDIT: Record<NoticeStep, AuditAction> = {
  sign: 'notice.sign',
  respond: 'notice.respond',
  complete: 'notice.complete',
  accept: 'notice.review',
  return: 'notice.review',
  close: 'notice.close',
  requestDelist: 'notice.delist.request',
  approveDelist: 'notice.delist',
  refuseDelist: 'notice.delist.refuse',
};

const EVENT: Record<NoticeStep, NoticeEventKind> = {
  sign: 'signed',
  respond: 'responded',
  complete: 'completed',
  accept: 'accepted',
  return: 'returned',
  close: 'closed',
  requestDelist: 'delist_requested',
  approveDelist: 'delisted',
  refuseDelist: 'delist_refused',
};

/** Moves the notice one step with the step's input, and returns its page. */
export async function moveNotice(
  s: Services,
  ctx: RequestContext,
  notice: NoticeWithNames,
  version: number,
  step: NoticeStep,
  input: StepInput = {},
) {
  const who = NOTICE_STEPS[step].who;
  if (!mayTakeStep(ctx.actor, who, notice)) throw appError('FORBIDDEN', WHO_MESSAGE[who]);
  const today = todayOf(s);
  if (step === 'respond' && input.fixDue)
    await checkWorkingDeadline(s.db.kysely, today, input.fixDue, 'fixDue', '整改时限');

  await s.db.kysely.transaction().execute(async (trx) => {
    const current = (await findNoticeById(trx, notice.id))!;
    const check = checkStep(step, current.level, current.status);
    if (!check.ok) throw appError('NOTICE_STATE', check.message);
    const now = toTimestamp(s.clock.now());
    const fixDue = step === 'respond' ? (input.fixDue ?? null) : current.fix_due;
    const patch: Updateable<NoticeTable> = {
      status: check.to,
      active_due: activeDeadline(check.to, current.response_due, fixDue),
      updated_at: now,
      ...(step === 'sign' ? { signed_at: now } : {}),
      ...(step === 'respond' ? { measures: input.measures ?? '', fix_due: fixDue, responded_at: now } : {}),
      ...(step === 'complete' ? { completion: input.summary ?? '', completed_at: now } : {}),
      ...(step === 'return' || step === 'refuseDelist' ? { review_comment: input.comment ?? '' } : {}),
      ...(step === 'accept' ? { review_comment: null } : {}),
      ...(step === 'close' || step === 'requestDelist' ? { rating: input.rating ?? null } : {}),
      ...(check.to === 'closed' ? { closed_at: now } : {}),
    };
    if (!(await updateNoticeAtVersion(trx, notice.id, version, patch))) throw appError('VERSION_CONFLICT');
    const detail = {
      from: current.status,
      to: check.to,
      ...(input.measures ? { measures: input.measures } : {}),
      ...(fixDue && step === 'respond' ? { fixDue } : {}),
      ...(input.summary ? { summary: input.summary } : {}),
      ...(input.comment ? { comment: input.comment } : {}),
      ...(input.rating ? { rating: RATING_LABELS[input.rating] } : {}),
    };
    await recordNoticeEvent(trx, s, ctx, notice.id, EVENT[step], detail);
    await s.audit.record(trx, ctx, {
      action: AUDIT[step],
      objectType: 'notice',
      objectId: notice.id,
      note: { taskId: current.task_id, step, ...detail },
    });
    const moved = (await findNoticeById(trx, notice.id))!;
    switch (step) {
      case 'respond':
        await announceResponded(trx, s, ctx, moved, 'measures');
        break;
      case 'complete':
        await announceResponded(trx, s, ctx, moved, 'done');
        break;
      case 'accept':
        await announceToLead(trx, s, ctx, moved, 'notice.accepted', '');
        break;
      case 'return':
        await announceToLead(trx, s, ctx, moved, 'notice.returned', input.comment ?? '');
        break;
      case 'requestDelist':
        await announceDelistRequested(trx, s, ctx, moved);
        break;
      case 'refuseDelist':
        await announceDelistRefused(trx, s, ctx, moved, input.comment ?? '');
        break;
      case 'sign':
        break;
      case 'close':
      case 'approveDelist':
        await announceClosed(trx, s, ctx, moved, moved.rating ? RATING_LABELS[moved.rating] : '');
        await recordTaskEvent(trx, s, ctx, moved.task_id, 'notice_closed', {
          noticeId: moved.id,
          rating: moved.rating ? RATING_LABELS[moved.rating] : null,
          delisted: step === 'approveDelist',
        });
        break;
    }
    // A new running deadline (or none, once closed) may change the colour now.
    await settleNoticeColour(trx, s, notice.id, await colourDates(s, trx));
  });
  return getNoticeDetail(s, ctx, notice.id);
}
