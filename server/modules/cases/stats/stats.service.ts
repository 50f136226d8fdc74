// The statistics page and its .xlsx: for a type, a year and a region (with everything below it), the
// cases submitted, accepted, answered (on time), the satisfaction, adopted, 重点, and the 批示 by level;
// per submitting organisation, per handling department and per kind (an appeal's type, a request's
// need). Over the reader's visible cases only, as the list. The page's answer names the STATS_TOP largest
// units of each side and sums the rest into 其他; the breakdown route pages through all of them
// (docs/decisions/case-statistics-top-n.md).
import type { RequestContext } from '../../../core/access/actor.ts';
import { appError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import { immutable } from '../../../core/immutable.ts';
import { readCache } from '../../../db/read-cache.ts';
import {
  CASE_TYPE_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  INSTRUCTION_LEVELS,
  subtypeLabel,
} from '../engine/vocabulary.ts';
import { findRegion } from '../drafts/draft.repository.ts';
import { caseVisibility } from '../list/list.service.ts';
import type { CaseVisibility } from '../list/list.repository.ts';
import { figuresOf, remainder, sumOf } from './stats.figures.ts';
import { byDepartment, byOrganisation, bySubtype, instructionsByLevel, totals } from './stats.repository.ts';
import {
  STATS_TOP,
  type BreakdownSummary,
  type CaseStats,
  type CaseStatsBreakdown,
  type CaseStatsBreakdownQuery,
  type CaseStatsQuery,
  type StatsBreakdown,
  type StatsSort,
  type UnitFigures,
} from './stats.schemas.ts';

/** Everything the statistics are made of: each breakdown whole, largest first (ties by id). */
export type FullStatistics = Omit<CaseStats, 'byOrganisation' | 'byDepartment'> & {
  breakdowns: Record<StatsBreakdown, readonly UnitFigures[]>;
};

const bySize = (a: UnitFigures, b: UnitFigures) => b.submitted - a.submitted || a.id - b.id;

function keyOf(v: CaseVisibility, q: CaseStatsQuery) {
  return JSON.stringify([v, q.type, q.year, q.regionCode ?? null]);
}

/**
 * The whole statistics for the reader (every unit of each breakdown): the .xlsx, and what the page's
 * answer and the breakdown's pages are cut from. Kept while the database is unchanged (db/read-cache.ts:
 * every write anywhere drops them; PostgreSQL keeps nothing), by the reader's visibility and the query;
 * they do not depend on the clock. docs/decisions/case-list-read-cache.md.
 */
export function fullStatistics(
  s: Services,
  ctx: RequestContext,
  q: CaseStatsQuery,
): Promise<Readonly<FullStatistics>> {
  const v = caseVisibility(ctx.actor);
  return readCache<Readonly<FullStatistics>>(s.db, 'case statistics, whole', 50).get(keyOf(v, q), async () =>
    immutable(await readStatistics(s, v, q)),
  );
}

function summary(units: readonly UnitFigures[], totals: CaseStats['totals']): BreakdownSummary {
  const rest = units.slice(STATS_TOP);
  return {
    rows: units.slice(0, STATS_TOP),
    others: rest.length ? { ...sumOf(rest), units: rest.length } : null,
    unassigned: remainder(totals, units),
    units: units.length,
  };
}

/** The statistics page's answer: the totals, and each breakdown's top units with 其他 and 未交办. */
export async function caseStatistics(
  s: Services,
  ctx: RequestContext,
  q: CaseStatsQuery,
): Promise<Readonly<CaseStats>> {
  const v = caseVisibility(ctx.actor);
  return readCache<Readonly<CaseStats>>(s.db, 'case statistics', 200).get(keyOf(v, q), async () => {
    const { breakdowns, ...head } = await fullStatistics(s, ctx, q);
    // Shared by every request that hits it: frozen, and written to JSON once (core/immutable.ts).
    return immutable({
      ...head,
      byOrganisation: summary(breakdowns.organisation, head.totals),
      byDepartment: summary(breakdowns.department, head.totals),
    });
  });
}

// A rate's null (nothing answered / rated) sorts after every number.
function sorter(sort: StatsSort) {
  const value = (r: UnitFigures) => r[sort] ?? -1;
  return (a: UnitFigures, b: UnitFigures) => value(b) - value(a) || a.id - b.id;
}

/** One breakdown in full, a page at a time (查看全部), cut from the same whole statistics. */
export async function caseStatisticsBreakdown(
  s: Services,
  ctx: RequestContext,
  q: CaseStatsBreakdownQuery,
): Promise<Readonly<CaseStatsBreakdown>> {
  const v = caseVisibility(ctx.actor);
  const key = JSON.stringify([keyOf(v, q), q.by, q.sort, q.page, q.pageSize]);
  return readCache<Readonly<CaseStatsBreakdown>>(s.db, 'case statistics, pages', 200).get(key, async () => {
    const full = await fullStatistics(s, ctx, q);
    const units = full.breakdowns[q.by];
    const sorted = q.sort === 'submitted' ? units : [...units].sort(sorter(q.sort));
    const from = (q.page - 1) * q.pageSize;
    return immutable({
      by: q.by,
      sort: q.sort,
      page: q.page,
      pageSize: q.pageSize,
      total: units.length,
      items: sorted.slice(from, from + q.pageSize),
      unassigned: remainder(full.totals, units),
      totals: full.totals,
    });
  });
}

async function readStatistics(s: Services, v: CaseVisibility, q: CaseStatsQuery): Promise<FullStatistics> {
  const db = s.db.kysely;
  const region = q.regionCode ? await findRegion(db, q.regionCode) : undefined;
  if (q.regionCode && !region) throw appError('REGION_NOT_FOUND');
  const f = { type: q.type, year: q.year, regionPath: region?.path };
  const [total, orgs, departments, subtypes, levels] = await Promise.all([
    totals(db, v, f),
    byOrganisation(db, v, f),
    byDepartment(db, v, f),
    bySubtype(db, v, f),
    instructionsByLevel(db, v, f),
  ]);
  const count = new Map(levels.map((l) => [l.level, Number(l.count)]));
  const units = (rows: typeof orgs) =>
    rows.map((r) => ({ id: r.id, name: r.name, ...figuresOf(r) })).sort(bySize);
  return {
    type: q.type,
    typeLabel: CASE_TYPE_LABELS[q.type],
    year: q.year,
    regionCode: region?.code ?? null,
    regionName: region?.name ?? null,
    totals: figuresOf(total),
    breakdowns: { organisation: units(orgs), department: units(departments) },
    bySubtype: subtypes.map((r) => ({
      subtype: r.subtype!,
      label: subtypeLabel(q.type, r.subtype!),
      ...figuresOf(r),
    })),
    instructionsByLevel: INSTRUCTION_LEVELS.map((level) => ({
      level,
      label: INSTRUCTION_LEVEL_LABELS[level],
      count: count.get(level) ?? 0,
    })),
  };
}
