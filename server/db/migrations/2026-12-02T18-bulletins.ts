import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never imports application code. 督办通报 (supervision bulletins): one row per bulletin a
// region's staff generate for a month or a quarter. The sections are stored as JSON (each with the
// figures it was written from and the editable text), so an issued bulletin reads the same forever,
// whatever happens to the tasks afterwards.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('bulletins')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('region_code', 'varchar(20)', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('period_kind', 'varchar(10)', (c) =>
      c.notNull().check(sql`period_kind in ('month', 'quarter')`),
    )
    .addColumn('period_key', 'varchar(10)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('issuer', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull().check(sql`status in ('draft', 'issued')`))
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('issued_on', 'varchar(10)')
    .addColumn('issued_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('sent_at', 'varchar(40)')
    // JSON list of the unit ids it was sent to: their people may read it (and download it) from then on.
    .addColumn('sent_units', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createIndex('bulletins_region_path')
    .on('bulletins')
    .columns(['region_path', 'id'])
    .execute();
}
