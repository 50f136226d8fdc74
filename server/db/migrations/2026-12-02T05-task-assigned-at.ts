import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. Two additions for issue 7:
// - tasks.assigned_at: when the task was assigned (交办) to its lead unit. Reports are owed only for
//   periods whose due date falls on or after that day (a task assigned on 1 March does not owe January's
//   report). Null for drafts and for tasks assigned before this column existed (they owe every period).
// - units.aliases: short names a unit is also known by (省发展改革委, 省委组织部), JSON list of strings, used
//   to resolve a plan item's suggested lead unit and imported unit names.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('assigned_at', 'varchar(40)').execute();
  await db.schema
    .alterTable('units')
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}
