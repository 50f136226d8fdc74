// The ledger's statistics: the approved pairings of a year by area, one level below the area asked for
// (all → provinces → cities → counties → townships → villages, by the village code's prefix), and by
// project type. Sums are bigint 分 end to end, answered as 万元 text; a row's figures add up to the totals.
import type { RequestContext } from '../../../core/access/actor.ts';
import { immutable } from '../../../core/immutable.ts';
import type { Services } from '../../../core/services.ts';
import { readCache } from '../../../db/read-cache.ts';
import { fenOf, fenToWan } from '../pairing.money.ts';
import { filterOf } from '../pairing.policy.ts';
import { sumsByArea, type PairingFilter } from '../pairing.repository.ts';
import {
  PROJECT_TYPE_LABELS,
  PROJECT_TYPES,
  type PairingStats,
  type PairingTotals,
  type StatsQuery,
} from '../pairing.schemas.ts';
import { regionOf, type Region } from '../pairing.region.ts';
import { placeName } from '../villages/village.directory.ts';

type ProjectType = (typeof PROJECT_TYPES)[number];
interface Sums {
  pairings: number;
  invested: bigint;
  income: bigint;
  people: number;
  jobs: number;
}
const zero = (): Sums => ({ pairings: 0, invested: 0n, income: 0n, people: 0, jobs: 0 });
const LEVELS = { 0: 'province', 2: 'city', 4: 'county', 6: 'township', 9: 'village' } as const;
const CHILD_DIGITS = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12 } as const;

function add(
  to: Sums,
  r: { pairings: unknown; invested: unknown; income: unknown; people: unknown; jobs: unknown },
) {
  to.pairings += Number(r.pairings);
  to.invested += fenOf(r.invested);
  to.income += fenOf(r.income);
  to.people += Number(r.people ?? 0);
  to.jobs += Number(r.jobs ?? 0);
}

function out(s: Sums) {
  return {
    pairings: s.pairings,
    investedWan: fenToWan(s.invested),
    incomeWan: fenToWan(s.income),
    peopleHelped: s.people,
    jobsCreated: s.jobs,
  };
}

async function statsFor(
  s: Services,
  filter: PairingFilter,
  q: Omit<StatsQuery, 'regionCode'>,
  region: Region | undefined,
): Promise<PairingStats> {
  const area = q.area ?? '';
  const length = area.length as keyof typeof LEVELS;
  const rows = await sumsByArea(
    s.db.kysely,
    filter,
    {
      year: q.year,
      projectType: q.projectType,
      ...(area ? { area } : {}),
      ...(region ? { regionPath: region.path } : {}),
    },
    CHILD_DIGITS[length],
  );
  const byArea = new Map<string, { sums: Sums; types: Map<ProjectType, Sums> }>();
  const byType = new Map<ProjectType, Sums>(PROJECT_TYPES.map((t) => [t, zero()]));
  const totals = zero();
  for (const r of rows) {
    const entry = byArea.get(r.code) ?? { sums: zero(), types: new Map<ProjectType, Sums>() };
    byArea.set(r.code, entry);
    add(entry.sums, r);
    const t = entry.types.get(r.project_type) ?? zero();
    entry.types.set(r.project_type, t);
    add(t, r);
    add(byType.get(r.project_type)!, r);
    add(totals, r);
  }
  const names = [2, 4, 6, 9]
    .filter((n) => n <= area.length)
    .map((n) => placeName(area.slice(0, n)) ?? area.slice(0, n));
  return {
    year: q.year,
    area: { code: area, names },
    region: region ? { code: region.code, name: region.name } : null,
    level: LEVELS[length],
    rows: [...byArea.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, e]) => ({
        code,
        name: placeName(code) ?? code,
        ...out(e.sums),
        byType: [...e.types.entries()].map(([projectType, t]) => ({ projectType, ...out(t) })),
      })),
    byType: PROJECT_TYPES.map((t) => ({
      projectType: t,
      label: PROJECT_TYPE_LABELS[t],
      ...out(byType.get(t)!),
    })),
    totals: out(totals),
  };
}

/** The statistics route's answer, kept in the read cache under the reader's filter and the whole query. */
export async function pairingStatistics(s: Services, ctx: RequestContext, q: StatsQuery) {
  const filter = filterOf(ctx.actor);
  const key = JSON.stringify([filter, q.year, q.area ?? null, q.projectType ?? null, q.regionCode ?? null]);
  return readCache<Readonly<PairingStats>>(s.db, 'pairing statistics', 200).get(key, async () =>
    immutable(await statsFor(s, filter, q, await regionOf(s, q.regionCode))),
  );
}

/**
 * The approved pairings' totals of a year in a Luoshi region's subtree as this reader sees them (ctx
 * null: everything), for the dashboard and the plan item "万企兴万村" (issue 10 §2). `query` opens the
 * ledger on exactly these pairings: the list and the statistics apply the same reader filter and region.
 */
export async function pairingTotals(
  s: Services,
  ctx: RequestContext | null,
  q: { year: number; region: Region },
): Promise<PairingTotals> {
  const filter: PairingFilter = ctx ? filterOf(ctx.actor) : { kind: 'all' };
  const stats = await statsFor(s, filter, { year: q.year }, q.region);
  return {
    year: q.year,
    region: { code: q.region.code, name: q.region.name },
    totals: stats.totals,
    byType: stats.byType,
    query: { year: String(q.year), regionCode: q.region.code, status: 'approved' },
  };
}
