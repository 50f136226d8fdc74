import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. The stored term index for finding
// similar proposals (issue 9 §2, docs/decisions/proposal-similarity.md):
// - proposal_index: one row per indexed proposal (a case); their count is N for the idf.
// - proposal_terms: each proposal's heaviest features (64), the postings looked up at review time.
// - proposal_term_frequencies: how many indexed proposals hold each feature (all features, not only the
//   heaviest), kept on write.
// case_id is the cases table's id; the foreign key is added with the cases tables' wiring.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('proposal_index')
    .addColumn('case_id', 'integer', (c) => c.primaryKey())
    .addColumn('indexed_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('proposal_terms')
    .addColumn('term', 'varchar(40)', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('proposal_terms_pk', ['term', 'case_id'])
    .execute();
  await db.schema.createIndex('proposal_terms_case').on('proposal_terms').column('case_id').execute();
  await db.schema
    .createTable('proposal_term_frequencies')
    .addColumn('term', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('documents', 'integer', (c) => c.notNull())
    .execute();
}
