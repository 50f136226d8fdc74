// Taking a published plan out of force: 撤回 (withdraw: back to a draft of its region, no longer read
// below, to be corrected and published again) and 废止 (repeal: kept and still read below, marked as no
// longer in force, never changed again). Both need a reason, If-Match, and are audited and shown on the plan.
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { getPlanDetail } from './plan.detail.ts';
import { loadEditablePlan } from './plan.policy.ts';
import type { PlanNotice } from './plan.stored.ts';
import { findRevisionOf, listChildRegionCodes, updatePlanAtVersion } from './plan.repository.ts';
import { recordVersion } from './plan.save.ts';

type Ending = 'withdraw' | 'repeal';

const NOTICE_KIND = { withdraw: 'withdrawn', repeal: 'repealed' } as const;
const LABEL = { withdraw: '撤回', repeal: '废止' } as const;

export async function endPlan(
  s: Services,
  ctx: RequestContext,
  how: Ending,
  ids: { planId: number; version: number },
  reason: string,
) {
  const plan = await loadEditablePlan(s, ctx, ids.planId);
  if (plan.status !== 'published') throw appError('CONFLICT', `只有已发布的工作要点可以${LABEL[how]}`);
  const open = await findRevisionOf(s.db.kysely, plan.id);
  if (open)
    throw appError(
      'PLAN_REVISION_EXISTS',
      `该工作要点有一份未发布的修订稿：请先发布或放弃修订稿，再${LABEL[how]}`,
      { revisionId: open.id },
    );
  const regionsTold = await listChildRegionCodes(s.db.kysely, plan.region_code);
  await s.db.kysely.transaction().execute(async (trx) => {
    const now = toTimestamp(s.clock.now());
    const notice: PlanNotice = {
      kind: NOTICE_KIND[how],
      at: now,
      by: ctx.actor?.displayName ?? null,
      version: plan.version + 1,
      reason,
      changes: null,
      regionsTold,
    };
    const row = await updatePlanAtVersion(trx, plan.id, ids.version, {
      ...(how === 'withdraw'
        ? { status: 'draft', published_at: null, published_by: null }
        : { status: 'repealed' }),
      notice: JSON.stringify(notice),
      updated_at: now,
    });
    if (!row) throw appError('VERSION_CONFLICT');
    await recordVersion(trx, row, how, ctx.actor?.userId ?? null, now);
    await s.audit.record(trx, ctx, {
      action: `plan.${how}`,
      objectType: 'plan',
      objectId: plan.id,
      before: { status: plan.status, version: plan.version },
      after: { status: row.status, version: row.version, reason },
      // Until an inbox exists, this event and the plan's notice are how the regions below are told.
      note: { regionsTold },
    });
  });
  return getPlanDetail(s, plan.id);
}
