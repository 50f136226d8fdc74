// Who may see and who may change a plan (工作要点).
//
// See: a plan whose region lies inside the reader's data-scope subtree (leaders and staff at or above
// it: drafts too); or a published plan whose region subtree contains the reader's own region (their
// user region, else their unit's region) — so county staff, handlers and submitters read the
// province's published plan. Change: staff (work.manage) whose data scope covers the plan's region.
import type { Actor, RequestContext } from '../../core/access/actor.ts';
import { loadInScope, scopedResource } from '../../core/access/guard.ts';
import { isInSubtree, regionInScope } from '../../core/access/scope.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import {
  findPlanByIdPrepared,
  findRegionPath,
  findUnitRegionCode,
  type PlanVisibility,
  type PlanWithRegion,
} from './plan.repository.ts';

const NOBODY: PlanVisibility = { all: false, underPath: null, publishedRegionCodes: [] };

export async function visibilityOf(s: Services, actor: Actor | null): Promise<PlanVisibility> {
  if (!actor) return NOBODY;
  if (actor.scope.kind === 'all') return { all: true, underPath: null, publishedRegionCodes: [] };
  const underPath = actor.scope.kind === 'region' ? actor.scope.regionPath : null;
  // The reader's own region: their user region (its path comes with the actor), else their unit's.
  let ownPath = actor.regionPath;
  if (ownPath === null && actor.unitId !== null) {
    const unitRegion = await findUnitRegionCode(s.db.kysely, actor.unitId);
    ownPath = unitRegion ? ((await findRegionPath(s.db.kysely, unitRegion))?.path ?? null) : null;
  }
  return { all: false, underPath, publishedRegionCodes: ownPath ? ownPath.split('/') : [] };
}

export function canSeePlan(
  v: PlanVisibility,
  plan: Pick<PlanWithRegion, 'region_path' | 'region_code' | 'status'>,
) {
  if (v.all) return true;
  if (v.underPath && isInSubtree(plan.region_path, v.underPath)) return true;
  // A repealed plan stays readable below, with its notice, like the published plan it was.
  return plan.status !== 'draft' && v.publishedRegionCodes.includes(plan.region_code);
}

function canEditRegion(actor: Actor | null, regionPath: string): boolean {
  return !!actor && actor.permissions.has('work.manage') && regionInScope(actor.scope, regionPath);
}

/** A plan as a scoped record: routes keyed by a plan id name it (keyedBy(planResource, 'id')). */
export const planResource = scopedResource<PlanWithRegion, number>({
  type: 'plan',
  notFound: 'PLAN_NOT_FOUND',
  find: (s, id) => findPlanByIdPrepared(s.db, id),
  inScope: async (s, ctx, plan) => canSeePlan(await visibilityOf(s, ctx.actor), plan),
});

/** The plan if the reader may see it; otherwise 404, and an audit event when it exists. */
export async function loadVisiblePlan(s: Services, ctx: RequestContext, id: number): Promise<PlanWithRegion> {
  return loadInScope(s, ctx, planResource, id);
}

/** The plan if the actor may change it: 404 when they cannot even see it, 403 when they only read it. */
export async function loadEditablePlan(
  s: Services,
  ctx: RequestContext,
  id: number,
): Promise<PlanWithRegion> {
  const plan = await loadVisiblePlan(s, ctx, id);
  if (!canEditRegion(ctx.actor, plan.region_path))
    throw appError('FORBIDDEN', '只能修改本级及下级地区的工作要点');
  return plan;
}
