import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never imports application code. 联系人 (issue 9 §6): the organisations cases deal with
// (民主党派 committees, 工商联, enterprises and their 工商联 membership) and their people. A person's phone
// number and e-mail address are stored only sealed (SM4-CBC + HMAC-SM3) beside a keyed HMAC-SM3 blind
// index for look-up; the keys are outside the database. There is deliberately no column for religion,
// ethnicity, political views or any judgement of a person (contacts.privacy.test.ts checks it).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  await db.schema
    .createTable('contact_organisations')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('region_code', 'varchar(20)', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) =>
      c.notNull().check(sql`kind in ('party', 'federation', 'enterprise', 'other')`),
    )
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    // The organisation's own unit when its people use Luoshi (a party committee's submitters): they see
    // and keep the organisation's contacts.
    .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('set null'))
    // An enterprise's 工商联 membership: the federation (an organisation of kind 'federation').
    .addColumn('federation_id', 'integer', (c) => c.references('contact_organisations.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contact_organisations_region_name')
    .on('contact_organisations')
    .columns(['region_code', 'name'])
    .unique()
    .execute();
  await db.schema
    .createIndex('contact_organisations_region_path')
    .on('contact_organisations')
    .columns(['region_path', 'id'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('contact_organisations.id'))
    // The organisation's region path, copied so the region-subtree filter needs no join.
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)')
    .addColumn('phone_sealed', 'text')
    .addColumn('phone_index', 'varchar(64)')
    .addColumn('email_sealed', 'text')
    .addColumn('email_index', 'varchar(64)')
    // 履行职责 (performing a statutory duty) or 同意 (consent, with its date): PIPL art. 13.
    .addColumn('legal_basis', 'varchar(10)', (c) =>
      c.notNull().check(sql`legal_basis in ('duty', 'consent')`),
    )
    .addColumn('consent_on', 'varchar(10)')
    .addColumn('anonymised_at', 'varchar(40)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addCheckConstraint('contacts_consent_dated', sql`legal_basis <> 'consent' or consent_on is not null`)
    .execute();
  await db.schema.createIndex('contacts_region_path').on('contacts').columns(['region_path', 'id']).execute();
  await db.schema
    .createIndex('contacts_organisation')
    .on('contacts')
    .columns(['organisation_id', 'id'])
    .execute();
  await db.schema.createIndex('contacts_phone_index').on('contacts').column('phone_index').execute();
  await db.schema.createIndex('contacts_email_index').on('contacts').column('email_index').execute();
}
