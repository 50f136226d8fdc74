// Kysely code of the contacts directory: organisations and their people. Rows come back as stored
// (phone and e-mail sealed); the service opens and masks them.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ContactOrganisationTable, ContactTable, Database } from '../../db/schema.ts';
import { likeContains } from '../../db/like.ts';

type Q = Kysely<Database> | Transaction<Database>;
export type OrganisationRow = Selectable<ContactOrganisationTable>;
export type OrganisationWithNames = OrganisationRow & { region_name: string; federation_name: string | null };
export type ContactRow = Selectable<ContactTable>;
export type ContactWithOrganisation = ContactRow & {
  organisation_name: string;
  organisation_kind: OrganisationRow['kind'];
  organisation_unit_id: number | null;
};

// Which rows a reader may list: a region subtree, one organisation's (by its unit), all, or none.
export type ContactFilter =
  { kind: 'all' } | { kind: 'region'; path: string } | { kind: 'unit'; unitId: number } | { kind: 'none' };

const organisations = (db: Q) =>
  db
    .selectFrom('contact_organisations as o')
    .innerJoin('regions as r', 'r.code', 'o.region_code')
    .leftJoin('contact_organisations as f', 'f.id', 'o.federation_id')
    .selectAll('o')
    .select(['r.name as region_name', 'f.name as federation_name']);

export function findOrganisation(db: Q, id: number): Promise<OrganisationWithNames | undefined> {
  return organisations(db).where('o.id', '=', id).executeTakeFirst();
}

export function listOrganisations(
  db: Q,
  filter: ContactFilter,
  opts: {
    q?: string | undefined;
    kind?: OrganisationRow['kind'] | undefined;
    after?: number | undefined;
    limit: number;
  },
): Promise<OrganisationWithNames[]> {
  let q = organisations(db);
  if (filter.kind === 'none') return Promise.resolve([]);
  if (filter.kind === 'region')
    q = q.where((eb) =>
      eb.or([eb('o.region_path', '=', filter.path), eb('o.region_path', 'like', `${filter.path}/%`)]),
    );
  if (filter.kind === 'unit') q = q.where('o.unit_id', '=', filter.unitId);
  if (opts.q) q = q.where(likeContains('o.name', opts.q));
  if (opts.kind) q = q.where('o.kind', '=', opts.kind);
  if (opts.after !== undefined) q = q.where('o.id', '<', opts.after);
  return q
    .orderBy('o.id', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

export async function insertOrganisation(
  trx: Q,
  row: Omit<OrganisationRow, 'id' | 'version'>,
): Promise<number> {
  const { id } = await trx
    .insertInto('contact_organisations')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateOrganisation(
  trx: Q,
  id: number,
  version: number,
  change: Partial<Pick<OrganisationRow, 'kind' | 'name' | 'unit_id' | 'federation_id'>> & {
    updated_at: string;
  },
): Promise<boolean> {
  const res = await trx
    .updateTable('contact_organisations')
    .set({ ...change, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** What in the directory still refers to an organisation: its people, and enterprises it is the 工商联 of. */
export async function organisationReferences(trx: Q, id: number) {
  const people = await trx
    .selectFrom('contacts')
    .select([
      (eb) => eb.fn.countAll<number | string>().as('n'),
      (eb) => eb.fn.count<number | string>('anonymised_at').as('anonymised'),
    ])
    .where('organisation_id', '=', id)
    .executeTakeFirstOrThrow();
  const members = await trx
    .selectFrom('contact_organisations')
    .select('name')
    .where('federation_id', '=', id)
    .orderBy('id')
    .limit(11)
    .execute();
  return {
    people: Number(people.n),
    anonymised: Number(people.anonymised),
    enterprises: members.map((m) => m.name),
  };
}

export async function deleteOrganisation(trx: Q, id: number, version: number): Promise<boolean> {
  const res = await trx
    .deleteFrom('contact_organisations')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function organisationNameTaken(trx: Q, regionCode: string, name: string, except?: number) {
  let q = trx
    .selectFrom('contact_organisations')
    .select('id')
    .where('region_code', '=', regionCode)
    .where('name', '=', name);
  if (except !== undefined) q = q.where('id', '<>', except);
  return (await q.executeTakeFirst()) !== undefined;
}

const contacts = (db: Q) =>
  db
    .selectFrom('contacts as c')
    .innerJoin('contact_organisations as o', 'o.id', 'c.organisation_id')
    .selectAll('c')
    .select([
      'o.name as organisation_name',
      'o.kind as organisation_kind',
      'o.unit_id as organisation_unit_id',
    ]);

export function findContact(db: Q, id: number): Promise<ContactWithOrganisation | undefined> {
  return contacts(db).where('c.id', '=', id).executeTakeFirst();
}

export function listContacts(
  db: Q,
  filter: ContactFilter,
  opts: {
    name?: string | undefined;
    // A value's blind indexes under the current and any retired key (a look-up matches any of them).
    phoneIndex?: string[] | undefined;
    emailIndex?: string[] | undefined;
    organisationId?: number | undefined;
    after?: number | undefined;
    limit: number;
  },
): Promise<ContactWithOrganisation[]> {
  if (filter.kind === 'none') return Promise.resolve([]);
  let q = contacts(db);
  if (filter.kind === 'region')
    q = q.where((eb) =>
      eb.or([eb('c.region_path', '=', filter.path), eb('c.region_path', 'like', `${filter.path}/%`)]),
    );
  if (filter.kind === 'unit') q = q.where('o.unit_id', '=', filter.unitId);
  if (opts.name) q = q.where(likeContains('c.name', opts.name));
  if (opts.phoneIndex) q = q.where('c.phone_index', 'in', opts.phoneIndex);
  if (opts.emailIndex) q = q.where('c.email_index', 'in', opts.emailIndex);
  if (opts.organisationId !== undefined) q = q.where('c.organisation_id', '=', opts.organisationId);
  if (opts.after !== undefined) q = q.where('c.id', '<', opts.after);
  return q
    .orderBy('c.id', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

/** Another live (not anonymised) contact of the organisation with this phone number's blind index. */
export function findSamePhone(trx: Q, organisationId: number, phoneIndexes: string[], except?: number) {
  let q = trx
    .selectFrom('contacts')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('phone_index', 'in', phoneIndexes)
    .where('anonymised_at', 'is', null);
  if (except !== undefined) q = q.where('id', '<>', except);
  return q.executeTakeFirst();
}

export async function insertContact(trx: Q, row: Omit<ContactRow, 'id' | 'version'>): Promise<number> {
  const { id } = await trx.insertInto('contacts').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateContact(
  trx: Q,
  id: number,
  version: number,
  change: Partial<
    Omit<ContactRow, 'id' | 'version' | 'organisation_id' | 'region_path' | 'created_by' | 'created_at'>
  > & {
    updated_at: string;
  },
): Promise<boolean> {
  const res = await trx
    .updateTable('contacts')
    .set({ ...change, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteContact(trx: Q, id: number, version: number): Promise<boolean> {
  const res = await trx
    .deleteFrom('contacts')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export function findRegion(db: Q, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export function unitExists(db: Q, id: number) {
  return db.selectFrom('units').select('id').where('id', '=', id).executeTakeFirst();
}
