import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never imports application code. 万企兴万村 pairing ledger (issue 10 §2): an enterprise of
// the contacts directory paired with a village (a 12-digit 统计用区划代码, its name path copied at entry so
// a later renaming or code change does not rewrite history), its project figures as exact integers (money
// in 分 as bigint: never floating point), its review by staff and its periodic updates.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  await db.schema
    .createTable('pairings')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('contact_organisations.id'))
    // The enterprise's 工商联 when the pairing was entered: its contacts see the pairing.
    .addColumn('federation_id', 'integer', (c) => c.notNull().references('contact_organisations.id'))
    // That 工商联's own unit (its people's unit), copied so the submitters' scope filter needs no join.
    .addColumn('federation_unit_id', 'integer', (c) => c.references('units.id').onDelete('set null'))
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('village_code', 'varchar(12)', (c) => c.notNull())
    // JSON array of the five names 省, 市, 县, 乡, 村.
    .addColumn('village_names', 'text', (c) => c.notNull())
    // The deepest Luoshi region holding the village (else the enterprise's): the data scope.
    .addColumn('region_code', 'varchar(20)', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('project_type', 'varchar(20)', (c) =>
      c.notNull().check(sql`project_type in ('industry', 'employment', 'consumption', 'charity', 'other')`),
    )
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('invested_fen', 'bigint', (c) => c.notNull().check(sql`invested_fen >= 0`))
    .addColumn('income_fen', 'bigint', (c) => c.notNull().check(sql`income_fen >= 0`))
    .addColumn('people_helped', 'integer', (c) => c.notNull().check(sql`people_helped >= 0`))
    .addColumn('jobs_created', 'integer', (c) => c.notNull().check(sql`jobs_created >= 0`))
    .addColumn('stage', 'varchar(20)', (c) =>
      c.notNull().check(sql`stage in ('planned', 'ongoing', 'completed', 'stopped')`),
    )
    .addColumn('status', 'varchar(20)', (c) =>
      c.notNull().check(sql`status in ('submitted', 'approved', 'rejected')`),
    )
    .addColumn('review_reason', 'varchar(500)')
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'varchar(40)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  // One pairing per enterprise, village, project type and year: a second entry is a duplicate.
  await db.schema
    .createIndex('pairings_once')
    .on('pairings')
    .columns(['enterprise_id', 'village_code', 'project_type', 'year'])
    .unique()
    .execute();
  await db.schema
    .createIndex('pairings_region_year')
    .on('pairings')
    .columns(['region_path', 'year'])
    .execute();
  await db.schema
    .createIndex('pairings_federation_unit')
    .on('pairings')
    .columns(['federation_unit_id', 'year'])
    .execute();
  await db.schema.createIndex('pairings_village').on('pairings').columns(['year', 'village_code']).execute();

  await db.schema
    .createTable('pairing_updates')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('pairing_id', 'integer', (c) => c.notNull().references('pairings.id').onDelete('cascade'))
    .addColumn('reported_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    // The figures as of this update (cumulative), which become the pairing's.
    .addColumn('invested_fen', 'bigint', (c) => c.notNull())
    .addColumn('income_fen', 'bigint', (c) => c.notNull())
    .addColumn('people_helped', 'integer', (c) => c.notNull())
    .addColumn('jobs_created', 'integer', (c) => c.notNull())
    .addColumn('stage', 'varchar(20)', (c) => c.notNull())
    // JSON array of attachment ids (evidence, owned by the pairing).
    .addColumn('attachment_ids', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pairing_updates_pairing')
    .on('pairing_updates')
    .columns(['pairing_id', 'id'])
    .execute();
}
