// Pairing rows. The directory's organisations and contacts (modules/contacts) are joined read-only for
// their names and 工商联 membership; this module never writes them (docs/decisions/pairing-scope.md).
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
  type Transaction,
} from 'kysely';
import { likeContains, likeStartsWith } from '../../db/like.ts';
import type { Database, PairingTable, PairingUpdateTable } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
export type PairingRow = Selectable<PairingTable>;
export type PairingWithNames = PairingRow & {
  enterprise_name: string;
  federation_name: string;
  contact_name: string | null;
};
export type PairingUpdateRow = Selectable<PairingUpdateTable>;

/** Which pairings a reader sees: a region subtree (staff, leaders), a 工商联's own (its people), all, none. */
export type PairingFilter =
  | { kind: 'all' }
  | { kind: 'region'; path: string }
  | { kind: 'federation'; unitId: number }
  | { kind: 'none' };

const withNames = (db: Q) =>
  db
    .selectFrom('pairings as p')
    .innerJoin('contact_organisations as e', 'e.id', 'p.enterprise_id')
    .innerJoin('contact_organisations as f', 'f.id', 'p.federation_id')
    .leftJoin('contacts as c', 'c.id', 'p.contact_id')
    .selectAll('p')
    .select(['e.name as enterprise_name', 'f.name as federation_name', 'c.name as contact_name']);

export function findPairing(db: Q, id: number): Promise<PairingWithNames | undefined> {
  return withNames(db).where('p.id', '=', id).executeTakeFirst();
}

export interface PairingCriteria {
  year?: number | undefined;
  status?: PairingRow['status'] | undefined;
  projectType?: PairingRow['project_type'] | undefined;
  area?: string | undefined;
  enterpriseId?: number | undefined;
  q?: string | undefined;
  // A Luoshi region's subtree (its path), on top of the reader's own filter: the dashboard's and the plan
  // item's figures open the list with it (docs/decisions/pairing-totals.md).
  regionPath?: string | undefined;
}

// The scope filter and the criteria but the text search, as one condition on `pairings as p`.
function matches(filter: PairingFilter, c: PairingCriteria, except: 'status' | null) {
  return (eb: ExpressionBuilder<Database & { p: PairingTable }, 'p'>) => {
    const all: Expression<SqlBool>[] = [];
    if (filter.kind === 'none') all.push(sql<boolean>`1 = 0`);
    if (filter.kind === 'region')
      all.push(
        eb.or([eb('p.region_path', '=', filter.path), eb('p.region_path', 'like', `${filter.path}/%`)]),
      );
    if (filter.kind === 'federation') all.push(eb('p.federation_unit_id', '=', filter.unitId));
    // A region asked for (the dashboard's and plan item's figures open the ledger with it): within the scope.
    if (c.regionPath !== undefined)
      all.push(
        eb.or([eb('p.region_path', '=', c.regionPath), eb('p.region_path', 'like', `${c.regionPath}/%`)]),
      );
    if (c.year !== undefined) all.push(eb('p.year', '=', c.year));
    if (c.status && except !== 'status') all.push(eb('p.status', '=', c.status));
    if (c.projectType) all.push(eb('p.project_type', '=', c.projectType));
    if (c.area) all.push(likeStartsWith('p.village_code', c.area));
    if (c.enterpriseId !== undefined) all.push(eb('p.enterprise_id', '=', c.enterpriseId));
    return eb.and(all);
  };
}

// The scope filter and the criteria over `pairings as p` and its joined names (the text search reads them).
function scoped(db: Q, filter: PairingFilter, c: PairingCriteria, except: 'status' | null = null) {
  let q = withNames(db).where(matches(filter, c, except));
  if (c.q)
    q = q.where((eb) =>
      eb.or([
        likeContains('p.title', c.q!),
        likeContains('e.name', c.q!),
        likeContains('p.village_names', c.q!),
      ]),
    );
  return q;
}

export function listPairings(
  db: Q,
  filter: PairingFilter,
  c: PairingCriteria,
  page: { after?: number; limit: number },
) {
  let q = scoped(db, filter, c);
  if (page.after !== undefined) q = q.where('p.id', '<', page.after);
  return q
    .orderBy('p.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** Every pairing matching, for the export (bounded by the caller). */
export function allPairings(db: Q, filter: PairingFilter, c: PairingCriteria, limit: number) {
  return scoped(db, filter, c)
    .orderBy('p.village_code')
    .orderBy('p.id')
    .limit(limit + 1)
    .execute();
}

export async function countByStatus(db: Q, filter: PairingFilter, c: PairingCriteria) {
  // Without a text search the counts need no names: pairings alone, read from the covering index.
  const rows = c.q
    ? await scoped(db, filter, c, 'status')
        .clearSelect()
        .select(['p.status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .groupBy('p.status')
        .execute()
    : await db
        .selectFrom('pairings as p')
        .where(matches(filter, c, 'status'))
        .select(['p.status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .groupBy('p.status')
        .execute();
  const counts = { submitted: 0, approved: 0, rejected: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Sums of the approved pairings by code prefix (`digits` long) and project type (no text search). */
export function sumsByArea(db: Q, filter: PairingFilter, c: Omit<PairingCriteria, 'q'>, digits: number) {
  const prefix = sql<string>`substr(p.village_code, 1, ${sql.lit(digits)})`;
  // pairings alone (no names), read from the covering index.
  return db
    .selectFrom('pairings as p')
    .where(matches(filter, { ...c, status: 'approved' }, null))
    .select([
      prefix.as('code'),
      'p.project_type',
      (eb) => eb.fn.countAll<number | string>().as('pairings'),
      (eb) => eb.fn.sum<number | string>('p.invested_fen').as('invested'),
      (eb) => eb.fn.sum<number | string>('p.income_fen').as('income'),
      (eb) => eb.fn.sum<number | string>('p.people_helped').as('people'),
      (eb) => eb.fn.sum<number | string>('p.jobs_created').as('jobs'),
    ])
    .groupBy([prefix, 'p.project_type'])
    .execute();
}

export async function findDuplicate(
  db: Q,
  key: { enterpriseId: number; villageCode: string; projectType: string; year: number },
  except?: number,
) {
  let q = db
    .selectFrom('pairings')
    .select(['id', 'status'])
    .where('enterprise_id', '=', key.enterpriseId)
    .where('village_code', '=', key.villageCode)
    .where('project_type', '=', key.projectType as PairingRow['project_type'])
    .where('year', '=', key.year);
  if (except !== undefined) q = q.where('id', '<>', except);
  return q.executeTakeFirst();
}

type Amounts = { invested_fen: string; income_fen: string };

export async function insertPairing(
  trx: Q,
  row: Omit<PairingRow, 'id' | 'version' | 'invested_fen' | 'income_fen'> & Amounts,
): Promise<number> {
  const { id } = await trx.insertInto('pairings').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updatePairing(
  trx: Q,
  id: number,
  version: number,
  change: Partial<Omit<PairingRow, 'id' | 'version' | 'invested_fen' | 'income_fen'> & Amounts>,
): Promise<boolean> {
  const res = await trx
    .updateTable('pairings')
    .set({ ...change, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Withdraws an entry (never approved): its row goes, with its version checked in the same statement. */
export async function deletePairing(trx: Q, id: number, version: number): Promise<boolean> {
  const res = await trx
    .deleteFrom('pairings')
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '<>', 'approved')
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function insertUpdate(
  trx: Q,
  row: Omit<PairingUpdateRow, 'id' | 'invested_fen' | 'income_fen'> & Amounts,
): Promise<number> {
  const { id } = await trx
    .insertInto('pairing_updates')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function listUpdates(db: Q, pairingId: number) {
  return db
    .selectFrom('pairing_updates')
    .selectAll()
    .where('pairing_id', '=', pairingId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

// The directory, read-only.

export function findOrganisationForPairing(db: Q, id: number) {
  return db
    .selectFrom('contact_organisations as o')
    .leftJoin('contact_organisations as f', 'f.id', 'o.federation_id')
    .select([
      'o.id',
      'o.kind',
      'o.name',
      'o.region_code',
      'o.region_path',
      'o.federation_id',
      'f.unit_id as federation_unit_id',
      'f.kind as federation_kind',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export function findContactForPairing(db: Q, id: number) {
  return db
    .selectFrom('contacts')
    .select(['id', 'organisation_id', 'anonymised_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Enterprises with a 工商联, in the reader's reach, with their contacts' names (no contact details). */
export async function enterpriseOptions(
  db: Q,
  reach: { kind: 'region'; path: string } | { kind: 'federation'; unitId: number } | { kind: 'all' },
  q: string | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('contact_organisations as e')
    .innerJoin('contact_organisations as f', 'f.id', 'e.federation_id')
    .select(['e.id', 'e.name', 'f.id as federation_id', 'f.name as federation_name'])
    .where('e.kind', '=', 'enterprise')
    .where('f.kind', '=', 'federation');
  if (reach.kind === 'region')
    query = query.where((eb) =>
      eb.or([eb('e.region_path', '=', reach.path), eb('e.region_path', 'like', `${reach.path}/%`)]),
    );
  if (reach.kind === 'federation') query = query.where('f.unit_id', '=', reach.unitId);
  if (q) query = query.where(likeContains('e.name', q));
  const enterprises = await query.orderBy('e.name').limit(limit).execute();
  const ids = enterprises.flatMap((e) => [e.id, e.federation_id]);
  const contacts = ids.length
    ? await db
        .selectFrom('contacts')
        .select(['id', 'name', 'organisation_id'])
        .where('organisation_id', 'in', [...new Set(ids)])
        .where('anonymised_at', 'is', null)
        .orderBy('id')
        .execute()
    : [];
  return enterprises.map((e) => ({
    id: e.id,
    name: e.name,
    federationId: e.federation_id,
    federationName: e.federation_name,
    contacts: contacts
      .filter((c) => c.organisation_id === e.id || c.organisation_id === e.federation_id)
      .map((c) => ({ id: c.id, name: c.name })),
  }));
}

/** The deepest of these region codes Luoshi knows, with its path. */
export async function deepestRegion(db: Q, codes: string[]) {
  const rows = await db.selectFrom('regions').select(['code', 'path']).where('code', 'in', codes).execute();
  for (const code of codes) {
    const r = rows.find((x) => x.code === code);
    if (r) return r;
  }
  return undefined;
}

/** A Luoshi region by its code (the list's and statistics' `regionCode`). */
export function findRegionByCode(db: Q, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** A plan item with its plan's year and region, read-only, to tell whether it is the ledger's item. */
export function findPlanItemForLedger(db: Q, id: number) {
  return db
    .selectFrom('plan_items as i')
    .innerJoin('plans as pl', 'pl.id', 'i.plan_id')
    .innerJoin('regions as r', 'r.code', 'pl.region_code')
    .select([
      'i.id',
      'i.heading',
      'i.body',
      'i.brand_activities',
      'pl.year',
      'r.code as region_code',
      'r.name as region_name',
      'r.path as region_path',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
}
