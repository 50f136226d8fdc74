import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never imports application code. PostgreSQL row triggers do not fire on TRUNCATE, so the
// foundation's append-only trigger let `truncate audit_log` empty the log; a statement trigger closes that.
// SQLite has no TRUNCATE (its delete-all optimisation is disabled by the delete trigger).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}
