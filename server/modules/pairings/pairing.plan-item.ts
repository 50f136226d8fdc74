// The plan item "万企兴万村" (issue 10 §2: the ledger's totals feed it). A plan item whose heading, body or
// brand activities name the action is the ledger's item for its plan's region and year, with no link to
// keep by hand (docs/decisions/pairing-totals.md). The item is read here read-only, after the route's
// guard has found it visible by the plans module's own rule (planItemResource).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../../core/access/actor.ts';
import { appError } from '../../core/errors.ts';
import { keyedBy, router, scopedRecord } from '../../core/http/route.ts';
import type { Services } from '../../core/services.ts';
import { planItemResource } from '../plans/index.ts';
import { filterOf } from './pairing.policy.ts';
import { findPlanItemForLedger } from './pairing.repository.ts';
import { idParams, planItemPairingSchema } from './pairing.schemas.ts';
import { pairingTotals } from './stats/pairing.stats.ts';

const LEDGER_NAME = '万企兴万村';
const brandNames = z.array(z.string()).max(200);

/** Whether a plan item names the 万企兴万村 action (its text, or a brand activity the parser found). */
function namesLedger(item: { heading: string; body: string; brand_activities: string }): boolean {
  let brands: string[] = [];
  try {
    const parsed = brandNames.safeParse(JSON.parse(item.brand_activities));
    if (parsed.success) brands = parsed.data;
  } catch {
    brands = [];
  }
  return [item.heading, item.body, ...brands].some((text) => text.includes(LEDGER_NAME));
}

async function planItemPairingTotals(s: Services, ctx: RequestContext, id: number) {
  const item = await findPlanItemForLedger(s.db.kysely, id);
  if (!item) throw appError('PLAN_ITEM_NOT_FOUND');
  if (!namesLedger(item)) return { linked: false, totals: null };
  // A unit's handlers read plans but not the ledger: no figures rather than zeros.
  if (filterOf(ctx.actor).kind === 'none') return { linked: true, totals: null };
  const region = { code: item.region_code, name: item.region_name, path: item.region_path };
  return { linked: true, totals: await pairingTotals(s, ctx, { year: item.year, region }) };
}

export function planItemPairingRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  r.get('/api/plan-items/:id/pairing-totals', {
    config: { access: { permission: 'work.read', scope: 'data', record: keyedBy(planItemResource, 'id') } },
    schema: {
      tags: ['万企兴万村'],
      operationId: 'getPlanItemPairingTotals',
      summary:
        '工作要点条目的“万企兴万村”结对合计：条目名称、内容或品牌活动提到“万企兴万村”时，给出该计划所属地区和年度已审核通过的结对项目合计（读者可见范围内），每个数字附带打开结对台账的筛选条件',
      params: idParams,
      response: { 200: planItemPairingSchema },
    },
    handler: (req) => planItemPairingTotals(s, req.ctx, scopedRecord(req, planItemResource).id),
  });
}
