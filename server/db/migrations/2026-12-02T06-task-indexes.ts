import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. Indexes for the task list's two orders
// when no region narrows it (the province's staff, a year's tasks newest first or by due date): without
// them the list sorted every task of the year to show twenty (found by EXPLAIN in task.explain.test.ts and
// measured by `npm run bench:tasks`).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex('tasks_year_id').on('tasks').columns(['year', 'id']).execute();
  await db.schema.createIndex('tasks_year_due').on('tasks').columns(['year', 'due_date', 'id']).execute();
}
