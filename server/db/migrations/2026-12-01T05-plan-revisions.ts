import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. A published plan is no longer edited in
// place: a draft revision (修订稿) is a plan row of its own, `revision_of` naming the published plan, whose
// items remember the published item they were copied from (`source_item_id`), so publishing the revision
// keeps the published items' ids and the alignments of the plans below. `notice` holds what readers of the
// plan are told about its last revision, withdrawal (撤回) or repeal (废止), as JSON. Status gains
// 'repealed' (the column is varchar(12); no constraint lists the values).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('plans')
    .addColumn('revision_of', 'integer', (c) => c.references('plans.id').onDelete('cascade'))
    .execute();
  await db.schema.alterTable('plans').addColumn('notice', 'text').execute();
  await db.schema.alterTable('plan_items').addColumn('source_item_id', 'integer').execute();
  // At most one open revision per published plan.
  await db.schema.createIndex('plans_one_revision').on('plans').column('revision_of').unique().execute();
}
