// Similar earlier proposals for staff reviewing one (GET /api/cases/:id/similar): the proposal's text is
// looked up in the stored term index (similar.index.ts), limited to earlier submitted proposals of the
// reviewer's region subtree. The merge itself is the engine's action (merge).
import { sql } from 'kysely';
import type { RequestContext } from '../../../core/access/actor.ts';
import { appError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import { likeStartsWith } from '../../../db/like.ts';
import type { CaseRow } from '../../../db/schema.ts';
import type { CaseWithNames } from '../case.repository.ts';
import { similarProposals } from './similar.index.ts';
import { isIndexed } from './similar.repository.ts';
import type { ProposalText } from './similar.ts';
import { readJsonObject } from '../case.json.ts';

/** A proposal's text as the similarity reads it (title and the three parts of its body). */
export function proposalTextOf(c: Pick<CaseRow, 'title' | 'body'>): ProposalText {
  let body: Record<string, unknown> = {};
  try {
    body = readJsonObject(c.body);
  } catch {
    // A body that is not JSON has no parts to compare; the title still counts.
  }
  const part = (key: string) => (typeof body[key] === 'string' ? body[key] : '');
  return { title: c.title, parts: [part('situation'), part('analysis'), part('suggestions')] };
}

export interface SimilarItem {
  id: number;
  title: string;
  year: number;
  state: string;
  regionName: string;
  submitterOrgName: string;
  submittedAt: string | null;
  score: number;
}

/**
 * The least score a similar proposal is shown with: below it the two share only common words, which a
 * reviewer cannot use (docs/decisions/similar-proposals-threshold.md).
 */
export const SIMILAR_MIN_SCORE = 0.1;

export async function similarToCase(
  s: Services,
  ctx: RequestContext,
  c: CaseWithNames,
  top: number,
): Promise<{ items: SimilarItem[] }> {
  // Only proposals are indexed: another type has no similar proposals to show.
  if (c.type !== 'proposal') return { items: [] };
  const scope = ctx.actor?.scope;
  if (!scope || (scope.kind !== 'all' && scope.kind !== 'region')) throw appError('FORBIDDEN');
  const regionPath = scope.kind === 'region' ? scope.regionPath : null;
  const db = s.db.kysely;
  const matches = await similarProposals(db, proposalTextOf(c), {
    top,
    minScore: SIMILAR_MIN_SCORE,
    indexed: await isIndexed(db, c.id),
    scope: (eb) =>
      eb(
        'proposal_terms.case_id',
        'in',
        eb
          .selectFrom('cases')
          .select('cases.id')
          .where('cases.type', '=', 'proposal')
          .where('cases.id', '!=', c.id)
          .where('cases.submitted_at', 'is not', null)
          // Out of the index since merging; kept out here too for proposals merged before that.
          .where('cases.state', '!=', 'merged')
          .$if(c.submitted_at !== null, (q) => q.where('cases.submitted_at', '<=', c.submitted_at))
          .$if(regionPath !== null, (q) =>
            q.where(
              sql<boolean>`(${sql.ref('cases.region_path')} = ${regionPath} or ${likeStartsWith('cases.region_path', `${regionPath}/`)})`,
            ),
          ),
      ),
    loadTexts: async (ids) => {
      const rows = await db
        .selectFrom('cases')
        .select(['id', 'title', 'body'])
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((row) => [row.id, proposalTextOf(row)]));
    },
  });
  if (matches.length === 0) return { items: [] };
  const rows = await db
    .selectFrom('cases as c')
    .innerJoin('regions as r', 'r.code', 'c.region_code')
    .innerJoin('units as o', 'o.id', 'c.submitter_org_id')
    .select([
      'c.id',
      'c.title',
      'c.year',
      'c.state',
      'c.submitted_at',
      'r.name as region_name',
      'o.name as org_name',
    ])
    .where(
      'c.id',
      'in',
      matches.map((m) => m.id),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    items: matches.flatMap((m) => {
      const row = byId.get(m.id);
      if (!row) return [];
      return [
        {
          id: row.id,
          title: row.title,
          year: row.year,
          state: row.state,
          regionName: row.region_name,
          submitterOrgName: row.org_name,
          submittedAt: row.submitted_at,
          score: m.score,
        },
      ];
    }),
  };
}
