// The case list a person opens: their visible cases under the filters, a page at a time, with the
// counts per state for the tabs.
import type { Actor, RequestContext } from '../../../core/access/actor.ts';
import { appError } from '../../../core/errors.ts';
import { decodeCursor, pageOf } from '../../../core/http/pagination.ts';
import type { Services } from '../../../core/services.ts';
import { immutable } from '../../../core/immutable.ts';
import { readCache } from '../../../db/read-cache.ts';
import { CASE_STATE_LABELS, CASE_STATES, stateLabel } from '../engine/vocabulary.ts';
import { todayOf } from '../case.facts.ts';
import type { CaseListQuery } from '../case.schemas.ts';
import { presentSummary } from '../detail/present.ts';
import { findRegion } from '../drafts/draft.repository.ts';
import { countCasesByState, listCasePage, type CaseVisibility } from './list.repository.ts';

export function caseVisibility(actor: Actor | null): CaseVisibility {
  if (!actor) return { kind: 'none', userId: 0 };
  const userId = actor.userId;
  switch (actor.scope.kind) {
    case 'all':
      return { kind: 'all', userId };
    case 'region':
      return { kind: 'region', path: actor.scope.regionPath, userId, unitId: actor.unitId };
    case 'unit':
      return { kind: 'unit', unitId: actor.scope.unitId, userId };
    case 'organisation':
      return { kind: 'organisation', organisationId: actor.scope.organisationId, userId };
    case 'none':
      return { kind: 'none', userId };
  }
}

type CaseListPage = Awaited<ReturnType<typeof readCaseList>>;

/**
 * The reader's page of cases with the counts per state. Kept while the database is unchanged
 * (db/read-cache.ts: every write anywhere drops it; PostgreSQL keeps nothing), by everything it is read
 * from: the reader's visibility (with their user id: their own drafts and co-signed cases), the query
 * and today (the overdue filter and each row's overdue flag). docs/decisions/case-list-read-cache.md.
 */
export async function listVisibleCases(s: Services, ctx: RequestContext, query: CaseListQuery) {
  const v = caseVisibility(ctx.actor);
  const today = todayOf(s);
  const key = JSON.stringify([v, query, today]);
  return readCache<Readonly<CaseListPage>>(s.db, 'case list pages', 500).get(key, async () =>
    // Shared by every request that hits it: frozen, and written to JSON once (core/immutable.ts).
    immutable(await readCaseList(s, v, query, today)),
  );
}

async function readCaseList(s: Services, v: CaseVisibility, query: CaseListQuery, today: string) {
  const db = s.db.kysely;
  let regionPath: string | undefined;
  if (query.regionCode) {
    const region = await findRegion(db, query.regionCode);
    if (!region) throw appError('REGION_NOT_FOUND');
    regionPath = region.path;
  }
  const filters = {
    type: query.type,
    state: query.state,
    year: query.year,
    regionPath,
    key: query.key,
    overdueBefore: query.overdue ? today : undefined,
    q: query.q,
    projectId: query.projectId,
    meetingId: query.meetingId,
    submitted: query.submitted,
    organisationId: query.organisationId,
    leadUnitId: query.leadUnitId,
    unassigned: query.unassigned,
    accepted: query.accepted,
    answered: query.answered,
    adopted: query.adopted,
    satisfaction: query.satisfaction,
    subtype: query.subtype,
    instructionLevel: query.instructionLevel,
  };
  const before = decodeCursor<number>(query.cursor, 'number');
  const [rows, counts] = await Promise.all([
    listCasePage(db, v, filters, query.limit, before),
    countCasesByState(db, v, filters),
  ]);
  const byState = new Map(counts.map((r) => [r.state, Number(r.n)]));
  return {
    ...pageOf(
      rows,
      query.limit,
      (r) => r.id,
      (r) => presentSummary(r, today),
    ),
    counts: CASE_STATES.filter((st) => byState.has(st)).map((st) => ({
      state: st,
      // A list of one type says its states in that type's words.
      label: query.type ? stateLabel(query.type, st) : CASE_STATE_LABELS[st],
      count: byState.get(st)!,
    })),
    total: [...byState.values()].reduce((a, b) => a + b, 0),
  };
}
