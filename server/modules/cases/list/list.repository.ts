// The scoped case list: the reader's visibility and the filters as one WHERE, the page by id (newest
// first) and the counts per state under the same filters but the state (the list's tabs), in one read.
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Transaction,
} from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { likeContains, likeStartsWith } from '../../../db/like.ts';
import { withNames } from '../case.repository.ts';
import {
  answeredCondition,
  flagCondition,
  satisfactionCondition,
  type AnsweredFilter,
  type SatisfactionFilter,
} from './list.figures.ts';

type Q = Kysely<Database> | Transaction<Database>;
export type Eb = ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>;

/** Which cases the reader sees (case.policy.ts says the same for one case). */
export type CaseVisibility =
  | { kind: 'all'; userId: number }
  | { kind: 'region'; path: string; userId: number; unitId: number | null }
  | { kind: 'unit'; unitId: number; userId: number }
  | { kind: 'organisation'; organisationId: number; userId: number }
  | { kind: 'none'; userId: number };

export interface CaseFilters {
  type?: string | undefined;
  state?: string | undefined;
  year?: number | undefined;
  regionPath?: string | undefined;
  key?: boolean | undefined;
  overdueBefore?: string | undefined;
  q?: string | undefined;
  projectId?: number | undefined;
  meetingId?: number | undefined;
  // The statistics' figures (list.figures.ts).
  submitted?: boolean | undefined;
  organisationId?: number | undefined;
  leadUnitId?: number | undefined;
  unassigned?: boolean | undefined;
  accepted?: boolean | undefined;
  answered?: AnsweredFilter | undefined;
  adopted?: boolean | undefined;
  satisfaction?: SatisfactionFilter | undefined;
  subtype?: string | undefined;
  instructionLevel?: string | undefined;
}

const OVER: readonly string[] = ['closed', 'declined', 'reference', 'merged', 'draft'];

const inSubtree = (column: 'c.region_path' | 'c.submitter_region_path', path: string) =>
  sql<boolean>`(${sql.ref(column)} = ${path} or ${likeStartsWith(column, `${path}/`)})`;

function visible(eb: Eb, v: CaseVisibility) {
  const mine = eb.or([
    eb('c.submitter_user_id', '=', v.userId),
    eb('c.id', 'in', eb.selectFrom('case_signers').select('case_id').where('user_id', '=', v.userId)),
  ]);
  switch (v.kind) {
    case 'all':
      return eb.or([mine, eb('c.state', '!=', 'draft')]);
    case 'region':
      return eb.or([
        mine,
        ...(v.unitId === null ? [] : [eb('c.submitter_unit_id', '=', v.unitId)]),
        eb.and([
          eb('c.state', '!=', 'draft'),
          eb.or([inSubtree('c.region_path', v.path), inSubtree('c.submitter_region_path', v.path)]),
        ]),
      ]);
    case 'unit':
      return eb.or([
        mine,
        eb('c.submitter_unit_id', '=', v.unitId),
        eb.and([
          eb('c.state', '!=', 'draft'),
          eb('c.id', 'in', eb.selectFrom('case_handlers').select('case_id').where('unit_id', '=', v.unitId)),
        ]),
      ]);
    case 'organisation':
      return eb.or([
        mine,
        eb('c.submitter_org_id', '=', v.organisationId),
        eb.and([
          eb('c.state', '!=', 'draft'),
          eb(
            'c.id',
            'in',
            eb
              .selectFrom('cases as m')
              .select('m.merged_into_id')
              .where('m.submitter_org_id', '=', v.organisationId)
              .where('m.merged_into_id', 'is not', null),
          ),
        ]),
      ]);
    case 'none':
      return mine;
  }
}

export function filtered(eb: Eb, v: CaseVisibility, f: CaseFilters, withState: boolean) {
  const where = [visible(eb, v)];
  if (f.type) where.push(eb('c.type', '=', f.type));
  if (withState && f.state) where.push(eb('c.state', '=', f.state));
  if (f.year !== undefined) where.push(eb('c.year', '=', f.year));
  if (f.regionPath)
    where.push(
      eb.or([inSubtree('c.region_path', f.regionPath), inSubtree('c.submitter_region_path', f.regionPath)]),
    );
  if (f.key !== undefined) where.push(eb('c.is_key', '=', f.key ? 1 : 0));
  if (f.overdueBefore)
    where.push(eb.and([eb('c.due_date', '<', f.overdueBefore), eb('c.state', 'not in', OVER)]));
  if (f.q) where.push(eb.or([likeContains('c.title', f.q), likeContains('c.submitter_name', f.q)]));
  if (f.projectId !== undefined) where.push(eb('c.project_id', '=', f.projectId));
  if (f.meetingId !== undefined) where.push(eb('c.meeting_id', '=', f.meetingId));
  return eb.and([...where, ...figureFilters(eb, f)]);
}

// The filters behind the statistics' figures: each an AND on top of the visibility, never an OR.
function figureFilters(eb: Eb, f: CaseFilters) {
  const where: Expression<SqlBool>[] = [];
  if (f.submitted !== undefined) where.push(flagCondition('submitted', f.submitted));
  if (f.organisationId !== undefined) where.push(eb('c.submitter_org_id', '=', f.organisationId));
  if (f.leadUnitId !== undefined) where.push(eb('c.lead_unit_id', '=', f.leadUnitId));
  if (f.unassigned !== undefined) where.push(eb('c.lead_unit_id', f.unassigned ? 'is' : 'is not', null));
  if (f.accepted !== undefined) where.push(flagCondition('accepted', f.accepted));
  if (f.answered) where.push(answeredCondition(f.answered));
  if (f.adopted !== undefined) where.push(flagCondition('adopted', f.adopted));
  if (f.satisfaction) where.push(satisfactionCondition(f.satisfaction));
  if (f.subtype) where.push(eb('c.subtype', '=', f.subtype));
  if (f.instructionLevel)
    where.push(
      eb(
        'c.id',
        'in',
        eb.selectFrom('case_instructions').select('case_id').where('level', '=', f.instructionLevel),
      ),
    );
  return where;
}

export function listCasePage(db: Q, v: CaseVisibility, f: CaseFilters, limit: number, before?: number) {
  let q = withNames(db).where((eb) => filtered(eb, v, f, true));
  if (before !== undefined) q = q.where('c.id', '<', before);
  return q
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export function countCasesByState(db: Q, v: CaseVisibility, f: CaseFilters) {
  return db
    .selectFrom('cases as c')
    .select(['c.state', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where((eb) => filtered(eb, v, f, false))
    .groupBy('c.state')
    .execute();
}
