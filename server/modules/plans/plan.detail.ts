// A plan's detail: as its editors see it after a change, and as a reader may see it.
import type { RequestContext } from '../../core/access/actor.ts';
import { appError } from '../../core/errors.ts';
import { immutable } from '../../core/immutable.ts';
import type { Services } from '../../core/services.ts';
import { readCache } from '../../db/read-cache.ts';
import { listItemsOfPlan } from './item.repository.ts';
import { canSeePlan, loadVisiblePlan, visibilityOf } from './plan.policy.ts';
import { planToDetail } from './plan.present.ts';
import { findPlanById, findPlanSourceText, findRevisionOf, type PlanWithRegion } from './plan.repository.ts';

/** A plan as its editors see it after a change (its open revision included). */
export async function getPlanDetail(s: Services, id: number) {
  const plan = await findPlanById(s.db.kysely, id);
  if (!plan) throw appError('PLAN_NOT_FOUND');
  const revision = await findRevisionOf(s.db.kysely, id);
  return planToDetail(plan, await listItemsOfPlan(s.db.kysely, id), revision && revisionRef(revision));
}

/**
 * A plan as a reader may see it. The answer is kept while the database is unchanged (db/read-cache.ts),
 * by plan and by what the reader may see (which decides whether the open revision is shown); whether
 * the reader may see the plan at all is checked on every request, before.
 */
export async function getVisiblePlan(s: Services, ctx: RequestContext, id: number) {
  const plan = await loadVisiblePlan(s, ctx, id);
  const visibility = await visibilityOf(s, ctx.actor);
  const cache = readCache<ReturnType<typeof planToDetail>>(s.db, 'plan details', 50);
  return cache.get(JSON.stringify([id, visibility]), async () => {
    const revision = await findRevisionOf(s.db.kysely, id);
    // The open revision is a draft: shown only to readers who may see the region's drafts.
    const shown = revision && canSeePlan(visibility, revision) ? revision : undefined;
    // Shared by the requests that hit it: frozen, and written to JSON once (core/immutable.ts).
    return immutable(planToDetail(plan, await listItemsOfPlan(s.db.kysely, id), shown && revisionRef(shown)));
  });
}

/**
 * The text of the document the plan was imported from, for a reader who may see the plan. Kept out of
 * the detail: the web app never shows it there, and it made every detail answer up to a megabyte longer.
 */
export async function getPlanSource(s: Services, ctx: RequestContext, id: number) {
  await loadVisiblePlan(s, ctx, id);
  return { text: (await findPlanSourceText(s.db.kysely, id)) ?? '' };
}

function revisionRef(p: PlanWithRegion) {
  return { id: p.id, version: p.version, updatedAt: p.updated_at };
}
