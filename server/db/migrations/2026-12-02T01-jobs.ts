import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file must never import application code. The job runner's queue
// (server/core/jobs/): one row per job. `key` names one occurrence of a job (a dedupe key such as
// "health.daily:2026-12-01"): unique, so two processes enqueuing it create one row; null for jobs that need
// no deduplication (NULLs never collide). `payload` is JSON text, validated by the handler when run.
// status: pending | running | done | failed | dead. A running row is leased to `locked_by` until
// `locked_until`; a lease past its time is claimed again (the process holding it ended). Timestamps are
// +08:00 ISO strings like every other table, so they compare as text.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('jobs')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('kind', 'varchar(80)', (c) => c.notNull())
    .addColumn('key', 'varchar(200)', (c) => c.unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'varchar(40)')
    .addColumn('locked_by', 'varchar(120)')
    .addColumn('locked_until', 'varchar(40)')
    .addColumn('finished_at', 'varchar(40)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  // The claim query: pending rows by run_at, and running rows whose lease has passed.
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_lease').on('jobs').columns(['status', 'locked_until']).execute();
  // The list (`luoshi jobs list`, later the admin page): newest first, optionally one kind.
  await db.schema.createIndex('jobs_kind').on('jobs').columns(['kind', 'id']).execute();
}
