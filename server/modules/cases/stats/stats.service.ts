// The statistics page and its .xlsx: for a type, a year and a region (with everything below it), the
// cases submitted, accepted, answered (on time), the satisfaction, adopted, 重点, and the 批示 by level;
// per submitting organisation, per handling department and per kind (an appeal's type, a request's
// need). Over the reader's visible cases only, as the list.
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
import type { CaseStatsQuery, CaseStats, Figures } from './stats.schemas.ts';
import type { CaseVisibility } from '../list/list.repository.ts';
import { byDepartment, byOrganisation, bySubtype, instructionsByLevel, totals } from './stats.repository.ts';

type Sums = {
  submitted: number | string;
  accepted: number | string;
  answered: number | string;
  on_time: number | string;
  satisfied: number | string;
  basically: number | string;
  unsatisfied: number | string;
  adopted: number | string;
  key_cases: number | string;
};

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

function figuresOf(r: Sums): Figures {
  const num = (v: number | string | null) => Number(v ?? 0);
  const answered = num(r.answered);
  const onTime = num(r.on_time);
  const satisfied = num(r.satisfied);
  const basically = num(r.basically);
  const unsatisfied = num(r.unsatisfied);
  return {
    submitted: num(r.submitted),
    accepted: num(r.accepted),
    answered,
    answeredOnTime: onTime,
    onTimeRate: rate(onTime, answered),
    satisfied,
    basicallySatisfied: basically,
    unsatisfied,
    satisfactionRate: rate(satisfied + basically, satisfied + basically + unsatisfied),
    adopted: num(r.adopted),
    key: num(r.key_cases),
  };
}

/**
 * The statistics for the reader. Kept while the database is unchanged (db/read-cache.ts: every write
 * anywhere drops them; PostgreSQL keeps nothing), by the reader's visibility and the query; they do not
 * depend on the clock. docs/decisions/case-list-read-cache.md.
 */
export async function caseStatistics(
  s: Services,
  ctx: RequestContext,
  q: CaseStatsQuery,
): Promise<Readonly<CaseStats>> {
  const v = caseVisibility(ctx.actor);
  const key = JSON.stringify([v, q.type, q.year, q.regionCode ?? null]);
  return readCache<Readonly<CaseStats>>(s.db, 'case statistics', 200).get(key, async () =>
    // Shared by every request that hits it: frozen, and written to JSON once (core/immutable.ts).
    immutable(await readStatistics(s, v, q)),
  );
}

async function readStatistics(s: Services, v: CaseVisibility, q: CaseStatsQuery): Promise<CaseStats> {
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
  return {
    type: q.type,
    typeLabel: CASE_TYPE_LABELS[q.type],
    year: q.year,
    regionCode: region?.code ?? null,
    regionName: region?.name ?? null,
    totals: figuresOf(total),
    byOrganisation: orgs.map((r) => ({ id: r.id, name: r.name, ...figuresOf(r) })),
    byDepartment: departments.map((r) => ({ id: r.id, name: r.name, ...figuresOf(r) })),
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
