import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must never import application code. The 关注 feed reads the newest events of
// up to 500 followed tasks (docs/decisions/watch-feed-index.md). With task_events_task (task_id, id) it
// read every event row of every followed task from the table and sorted them by time; this index holds
// each task's events in time order with the id, so the page's ids are picked from the index alone and
// only the page's rows are read.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('task_events_task_at')
    .on('task_events')
    .columns(['task_id', 'at', 'id'])
    .execute();
  // SQLite: a database analysed before (sqlite_stat1 knows task_events_task) rates an index without
  // statistics below it and keeps reading the table; statistics for both let it pick the covering one.
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`analyze task_events`.execute(db);
}
