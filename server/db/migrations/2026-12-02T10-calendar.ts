import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports application code. The staff's corrections to the shipped holiday
// arrangement (节假日安排): one row per corrected day, overriding what the release ships for that day
// (server/modules/calendar/shipped.ts). Days not listed follow the shipped arrangement.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('calendar_days')
    .addColumn('day', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull().check(sql`kind in ('holiday', 'workday')`))
    .addColumn('name', 'varchar(40)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}
