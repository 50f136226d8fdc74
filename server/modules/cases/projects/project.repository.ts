// 民主监督 projects' rows.
import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { CaseProjectTable, Database } from '../../../db/schema.ts';
import { likeStartsWith } from '../../../db/like.ts';

type Q = Kysely<Database> | Transaction<Database>;

function withNames(db: Q) {
  return db
    .selectFrom('case_projects as p')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .innerJoin('units as pu', 'pu.id', 'p.party_unit_id')
    .innerJoin('units as au', 'au.id', 'p.agency_unit_id')
    .selectAll('p')
    .select([
      'r.name as region_name',
      'pu.name as party_unit_name',
      'au.name as agency_unit_name',
      (eb) =>
        eb
          .selectFrom('cases as c')
          .select((e) => e.fn.countAll<number | string>().as('n'))
          .whereRef('c.project_id', '=', 'p.id')
          .where('c.state', '!=', 'draft')
          .as('report_count'),
    ]);
}
export type ProjectWithNames = NonNullable<Awaited<ReturnType<typeof findProjectById>>>;

export function findProjectById(db: Q, id: number) {
  return withNames(db).where('p.id', '=', id).executeTakeFirst();
}

export async function insertProject(trx: Q, row: Insertable<CaseProjectTable>): Promise<number> {
  return (await trx.insertInto('case_projects').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateProjectAtVersion(
  trx: Q,
  id: number,
  version: number,
  patch: Updateable<CaseProjectTable>,
): Promise<boolean> {
  const r = await trx
    .updateTable('case_projects')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The projects a reader sees: a region subtree's, a unit's (as party or as agency), or all. */
export type ProjectVisibility =
  { kind: 'all' } | { kind: 'region'; path: string } | { kind: 'unit'; unitId: number } | { kind: 'none' };

export function listProjects(
  db: Q,
  v: ProjectVisibility,
  f: { year?: number | undefined; state?: string | undefined },
) {
  let q = withNames(db);
  if (v.kind === 'region')
    q = q.where((eb) =>
      eb.or([eb('p.region_path', '=', v.path), likeStartsWith('p.region_path', `${v.path}/`)]),
    );
  if (v.kind === 'unit')
    q = q.where((eb) => eb.or([eb('p.party_unit_id', '=', v.unitId), eb('p.agency_unit_id', '=', v.unitId)]));
  if (v.kind === 'none') q = q.where(sql<boolean>`1 = 0`);
  if (f.year !== undefined) q = q.where('p.year', '=', f.year);
  if (f.state) q = q.where('p.state', '=', f.state);
  return q.orderBy('p.id', 'desc').limit(500).execute();
}
