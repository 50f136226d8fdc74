// Coverage (落实覆盖): for each item of a provincial or city plan, which subordinate regions have items
// aligned to it — directly, or through the level between (county item → city item → province item).
// A reader sees the columns (regions) whose published plans they may read, and nothing counted from
// the others: staff and leaders their region's subtree, everyone their own region and its ancestors
// (so a county handler sees their county and its city, not the other counties).
import type { RequestContext } from '../../../core/access/actor.ts';
import { isInSubtree } from '../../../core/access/scope.ts';
import { appError } from '../../../core/errors.ts';
import { immutable } from '../../../core/immutable.ts';
import type { Services } from '../../../core/services.ts';
import { readCache } from '../../../db/read-cache.ts';
import { listAlignmentLinksOf, listPublishedPlansBelow, listRegionsBelow } from './alignment.repository.ts';
import { listItemsOfPlan, listItemsWithPlan } from '../item.repository.ts';
import { canSeePlan, loadVisiblePlan, visibilityOf } from '../plan.policy.ts';
import { itemRef, planToSummary } from '../plan.present.ts';
import type { PlanVisibility, PlanWithRegion } from '../plan.repository.ts';

interface Link {
  id: number;
  aligned_to: number | null;
  region_code: string;
  region_path: string;
}

/** For every link below the plan's region, the plan item it leads to (following aligned_to upwards). */
function resolveRoots(links: Link[], planItemIds: ReadonlySet<number>) {
  const up = new Map(links.map((l) => [l.id, l.aligned_to]));
  const memo = new Map<number, number | null>();
  const rootOf = (id: number, hops = 0): number | null => {
    const cached = memo.get(id);
    if (cached !== undefined) return cached;
    const next = up.get(id);
    let root: number | null = null;
    if (next !== undefined && next !== null && hops < 10)
      root = planItemIds.has(next) ? next : rootOf(next, hops + 1);
    memo.set(id, root);
    return root;
  };
  return links.map((l) => ({ ...l, root: rootOf(l.id), via: l.aligned_to }));
}

async function loadCoverageData(s: Services, plan: PlanWithRegion) {
  const db = s.db.kysely;
  const [items, plansBelow, regions] = [
    await listItemsOfPlan(db, plan.id),
    await listPublishedPlansBelow(db, plan.region_path),
    await listRegionsBelow(db, plan.region_path),
  ];
  const planRegion = new Map(plansBelow.map((p) => [p.id, p]));
  const links = (
    await listAlignmentLinksOf(
      db,
      plansBelow.map((p) => p.id),
    )
  ).map((l) => {
    const p = planRegion.get(l.plan_id)!;
    return { id: l.id, aligned_to: l.aligned_to, region_code: p.region_code, region_path: p.region_path };
  });
  const resolved = resolveRoots(links, new Set(items.map((i) => i.id)));
  const withPlan = new Set(plansBelow.filter((p) => p.year === plan.year).map((p) => p.region_code));
  return { items, regions, withPlan, resolved: resolved.filter((l) => l.root !== null) };
}

// The published-plan half of canSeePlan, for a region: may the reader see this region's plans?
function canSeeRegion(v: PlanVisibility, region: { code: string; path: string }): boolean {
  if (v.all) return true;
  if (v.underPath && isInSubtree(region.path, v.underPath)) return true;
  return v.publishedRegionCodes.includes(region.code);
}

// The child region of the plan's region that contains `path` (the city of a county, for a province plan).
function groupOf(planPath: string, path: string): string {
  return path.slice(planPath.length + 1).split('/')[0]!;
}

/**
 * The coverage matrix of a plan as a reader may see it. Kept while the database is unchanged
 * (db/read-cache.ts), by plan and by what the reader may see (which decides the columns); whether the
 * reader may see the plan at all is checked on every request, before.
 */
export async function planCoverage(s: Services, ctx: RequestContext, planId: number) {
  const plan = await loadVisiblePlan(s, ctx, planId);
  const visibility = await visibilityOf(s, ctx.actor);
  const cache = readCache<ReturnType<typeof coverageOf>>(s.db, 'plan coverage', 50);
  // Shared by the requests that hit it: frozen, and written to JSON once (core/immutable.ts).
  return cache.get(JSON.stringify([planId, visibility]), async () =>
    immutable(coverageOf(plan, visibility, await loadCoverageData(s, plan))),
  );
}

function coverageOf(
  plan: PlanWithRegion,
  visibility: PlanVisibility,
  data: Awaited<ReturnType<typeof loadCoverageData>>,
) {
  const { items, withPlan } = data;
  const regions = data.regions.filter((r) => canSeeRegion(visibility, r));
  const column = new Map(regions.map((r, i) => [r.code, i]));
  const counts = new Map(items.map((i) => [i.id, new Array<number>(regions.length).fill(0)]));
  let aligned = 0;
  for (const l of data.resolved) {
    const row = counts.get(l.root!);
    const col = column.get(l.region_code);
    if (row && col !== undefined) {
      row[col]!++;
      aligned++;
    }
  }
  const rows = items.map((i) => {
    const c = counts.get(i.id)!;
    const regionsCovered = c.filter((n) => n > 0).length;
    return {
      itemId: i.id,
      number: i.number,
      heading: i.heading,
      depth: i.depth,
      counts: c,
      total: c.reduce((a, b) => a + b, 0),
      regionsCovered,
      regionsMissing: regions.length - regionsCovered,
    };
  });
  const columns = regions.map((r, col) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    groupCode: groupOf(plan.region_path, r.path),
    hasPublishedPlan: withPlan.has(r.code),
    alignedItems: rows.reduce((n, row) => n + row.counts[col]!, 0),
    coveredItems: rows.filter((row) => row.counts[col]! > 0).length,
  }));
  const groups = data.regions
    .filter((r) => r.parent_code === plan.region_code)
    .map((g) => ({
      code: g.code,
      name: g.name,
      regionCodes: columns.filter((c) => c.groupCode === g.code).map((c) => c.code),
    }))
    .filter((g) => g.regionCodes.length > 0);
  return {
    plan: planToSummary(plan),
    regions: columns,
    groups,
    items: rows,
    totals: {
      items: rows.length,
      regions: regions.length,
      alignedItems: aligned,
      coveredItems: rows.filter((r) => r.regionsCovered > 0).length,
      uncoveredItems: rows.filter((r) => r.regionsCovered === 0).length,
    },
  };
}

/** The items aligned (directly or through the level between) to one plan item, optionally within one region's subtree. */
export async function planCoverageOfItem(
  s: Services,
  ctx: RequestContext,
  planId: number,
  itemId: number,
  regionCode?: string,
) {
  const plan = await loadVisiblePlan(s, ctx, planId);
  const { items, regions, resolved } = await loadCoverageData(s, plan);
  if (!items.some((i) => i.id === itemId)) throw appError('PLAN_ITEM_NOT_FOUND');
  const visibility = await visibilityOf(s, ctx.actor);
  const region =
    regionCode === undefined
      ? undefined
      : regions.find((r) => r.code === regionCode && canSeeRegion(visibility, r));
  if (regionCode !== undefined && !region)
    throw appError('REGION_NOT_FOUND', '该地区不在此工作要点的下级范围内，或不在你的数据范围内');
  const chosen = resolved.filter(
    (l) => l.root === itemId && (!region || isInSubtree(l.region_path, region.path)),
  );
  const refs = new Map(
    (
      await listItemsWithPlan(
        s.db.kysely,
        chosen.map((l) => l.id),
      )
    ).map((r) => [r.id, r]),
  );
  const out = [];
  for (const l of chosen) {
    const ref = refs.get(l.id);
    if (ref && canSeePlan(visibility, ref))
      out.push({ ...itemRef(ref), direct: l.via === itemId, viaItemId: l.via === itemId ? null : l.via });
  }
  return { plan: planToSummary(plan), itemId, items: out };
}
