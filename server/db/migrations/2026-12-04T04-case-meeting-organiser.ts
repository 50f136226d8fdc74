import type { Kysely } from 'kysely';

// Frozen in time: never imports application code. 政企座谈会 (issue 9 §4): who held the meeting (主办单位,
// e.g. 市委统战部、市工商联), a line of text; existing meetings get '' and their page shows the region's
// 统战部 instead (docs/decisions/case-meetings.md).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('case_meetings')
    .addColumn('organiser', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}
