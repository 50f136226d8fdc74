import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code. The task list's page in page order for a
// region subtree (issue 7 §8). A subtree is every path that starts with the region's path followed by '/',
// so `substr(region_path || '/', 1, length + 1)` is one value per subtree at each level of the region tree
// (province 6 characters, city 13, county 20). An index on (year, that prefix, id) — and (…, due_date, id)
// for the list by due date — gives a city's or a county's tasks of a year newest first, so the list reads
// its twenty rows instead of sorting a city's 3,000 (docs/decisions/task-list-scope-order.md). The same
// expression works on SQLite and PostgreSQL; the query must spell it the same way (task.list.repository.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

const LEVELS = [7, 14, 21] as const; // a province, city, county path's length, and the '/' after it

export async function up(db: AnyDb): Promise<void> {
  for (const [i, len] of LEVELS.entries()) {
    const prefix = sql.raw(`(substr(region_path || '/', 1, ${len}))`);
    await sql`create index ${sql.id(`tasks_scope${i + 1}_id`)} on tasks (year, ${prefix}, id)`.execute(db);
    await sql`create index ${sql.id(`tasks_scope${i + 1}_due`)} on tasks (year, ${prefix}, due_date, id)`.execute(
      db,
    );
  }
}
