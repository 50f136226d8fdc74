// 活动成效 roll-ups: per brand, plan item, year and region subtree, read by summing the outcome rows
// under the reader's scope (docs/decisions/activity-rollups.md; the answer of GET /api/activity-totals is
// kept while nothing is written, docs/decisions/activity-list-speed.md). An outcome is one row, so it
// is counted once in every total it belongs to, and an edit or deletion moves every total at once.
import type { RequestContext } from '../../core/access/actor.ts';
import { regionInScope } from '../../core/access/scope.ts';
import { appError } from '../../core/errors.ts';
import { immutable } from '../../core/immutable.ts';
import type { Services } from '../../core/services.ts';
import { readCache } from '../../db/read-cache.ts';
import { fenToWan, wanToFen } from './activity.money.ts';
import type { Totals, TotalsQuery } from './activity.schemas.ts';
import { eventScopeOf } from './activity.scope.ts';
import { findRegion } from './brand.repository.ts';
import { emptyTotals, sumOutcomes, type OutcomeFilter } from './outcome.repository.ts';

export function addTotals(a: Totals, b: Totals): Totals {
  return {
    events: a.events + b.events,
    projects: a.projects + b.projects,
    amountWan: fenToWan(wanToFen(a.amountWan) + wanToFen(b.amountWan)),
    talents: a.talents + b.talents,
    enterprisesIn: a.enterprisesIn + b.enterprisesIn,
    enterprisesOut: a.enterprisesOut + b.enterprisesOut,
    villages: a.villages + b.villages,
    others: a.others + b.others,
  };
}

/** The query's region code as a path, checked against the reader's scope (404 outside, like a missing one). */
export async function regionFilter(s: Services, ctx: RequestContext, code: string | undefined) {
  if (code === undefined) return undefined;
  const region = await findRegion(s.db.kysely, code);
  const scope = ctx.actor?.scope;
  if (!region || !scope) throw appError('REGION_NOT_FOUND');
  // Units see their own events wherever they land; staff and leaders ask for a region of their subtree.
  if (scope.kind === 'region' && !regionInScope(scope, region.path)) throw appError('REGION_NOT_FOUND');
  return region.path;
}

export async function filterOf(s: Services, ctx: RequestContext, q: TotalsQuery): Promise<OutcomeFilter> {
  return {
    brandId: q.brandId,
    planItemId: q.planItemId,
    year: q.year,
    regionPath: await regionFilter(s, ctx, q.regionCode),
  };
}

/** The totals of a filter for this reader (ctx null: the system, unscoped). */
export async function totalsOf(s: Services, ctx: RequestContext | null, f: OutcomeFilter): Promise<Totals> {
  const [one] = await sumOutcomes(s.db.kysely, ctx, f, false);
  return one?.totals ?? emptyTotals();
}

/** The totals by brand and year, with the brand's name (the chart 'outcomes by brand and year'). */
export async function totalsByBrandYear(s: Services, ctx: RequestContext, f: OutcomeFilter) {
  const groups = await sumOutcomes(s.db.kysely, ctx, f, true);
  const ids = [...new Set(groups.map((g) => g.brandId).filter((id): id is number => id !== null))];
  const names = new Map(
    ids.length
      ? (
          await s.db.kysely
            .selectFrom('activity_brands')
            .select(['id', 'name'])
            .where('id', 'in', ids)
            .execute()
        ).map((b) => [b.id, b.name] as const)
      : [],
  );
  return groups
    .map((g) => ({
      brandId: g.brandId,
      brandName: g.brandId === null ? '（未归入品牌）' : (names.get(g.brandId) ?? ''),
      year: g.year,
      totals: g.totals,
    }))
    .sort((a, b) => a.year - b.year || a.brandName.localeCompare(b.brandName, 'zh'));
}

/**
 * GET /api/activity-totals (and the dashboard's 活动成效): the totals and the by-brand-and-year breakdown
 * of a filter. Kept in the read cache while nothing at all is written (any write drops it, PostgreSQL
 * keeps nothing), by the reader's scope and the filter (the region as its path); nothing comes from the
 * clock. docs/decisions/activity-list-speed.md.
 */
export async function readTotals(s: Services, ctx: RequestContext, q: TotalsQuery) {
  const f = await filterOf(s, ctx, q);
  const key = JSON.stringify([eventScopeOf(ctx), f]);
  return readCache<Readonly<TotalsAnswer>>(s.db, 'activity totals', 200).get(key, async () => {
    const byBrandYear = await totalsByBrandYear(s, ctx, f);
    // Shared by every request that hits it: frozen, and written to JSON once (core/immutable.ts).
    return immutable({
      totals: byBrandYear.map((g) => g.totals).reduce(addTotals, emptyTotals()),
      byBrandYear,
    });
  });
}
interface TotalsAnswer {
  totals: Totals;
  byBrandYear: Awaited<ReturnType<typeof totalsByBrandYear>>;
}
