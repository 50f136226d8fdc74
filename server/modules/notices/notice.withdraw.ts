// 撤回: the staff member who issued a notice takes it back, with a reason, while the lead unit has not
// yet signed for it (docs/decisions/notice-withdraw.md). Checks who acts, the state (pure rule
// checkWithdraw) and the version, then in one transaction: the row (status 'withdrawn', no running
// deadline), the notice's timeline, the audit event `notice.withdraw`, the units' inbox, and its colour.
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { settleNoticeColour } from './notice.colour.ts';
import { colourDates } from './notice.dates.ts';
import { announceWithdrawn } from './notice.notify.ts';
import { mayWithdraw } from './notice.policy.ts';
import { findNoticeById, updateNoticeAtVersion, type NoticeWithNames } from './notice.repository.ts';
import { checkWithdraw } from './notice.rules.ts';
import { getNoticeDetail, recordNoticeEvent } from './notice.service.ts';

export async function withdrawNotice(
  s: Services,
  ctx: RequestContext,
  notice: NoticeWithNames,
  version: number,
  reason: string,
) {
  if (!mayWithdraw(ctx.actor, notice))
    throw appError('FORBIDDEN', `只有下发该督办单的工作人员（${notice.issuer_name}）本人可以撤回`);
  await s.db.kysely.transaction().execute(async (trx) => {
    const current = (await findNoticeById(trx, notice.id))!;
    const check = checkWithdraw(current.status);
    if (!check.ok) throw appError('NOTICE_STATE', check.message);
    const now = toTimestamp(s.clock.now());
    const patch = {
      status: 'withdrawn' as const,
      active_due: null,
      withdrawn_at: now,
      withdraw_reason: reason,
      updated_at: now,
    };
    if (!(await updateNoticeAtVersion(trx, notice.id, version, patch))) throw appError('VERSION_CONFLICT');
    await recordNoticeEvent(trx, s, ctx, notice.id, 'withdrawn', { withdrawReason: reason });
    await s.audit.record(trx, ctx, {
      action: 'notice.withdraw',
      objectType: 'notice',
      objectId: notice.id,
      note: { taskId: current.task_id, from: current.status, reason },
    });
    await announceWithdrawn(trx, s, ctx, current, reason);
    await settleNoticeColour(trx, s, notice.id, await colourDates(s, trx));
  });
  return getNoticeDetail(s, ctx, notice.id);
}
