import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never imports application code. The similarity index's rows name cases
// (2026-12-03T06-proposal-terms left the foreign keys for when the cases tables were wired): proposal_index
// and proposal_terms get `case_id references cases(id)`. Rows naming a case that does not exist (none
// is expected: cases are not deleted) are dropped first; `luoshi cases reindex --rebuild` recounts the
// frequencies if that ever mattered. No cascade: a case leaves the index through the code that removes
// its terms and frequencies with it.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of ['proposal_terms', 'proposal_index'])
    await db.deleteFrom(table).where('case_id', 'not in', db.selectFrom('cases').select('id')).execute();
  if (pg) {
    await sql`alter table proposal_index add constraint proposal_index_case_fk foreign key (case_id) references cases (id)`.execute(
      db,
    );
    await sql`alter table proposal_terms add constraint proposal_terms_case_fk foreign key (case_id) references cases (id)`.execute(
      db,
    );
    return;
  }
  // SQLite adds a foreign key only by building the table again.
  await db.schema
    .createTable('proposal_index_new')
    .addColumn('case_id', 'integer', (c) => c.primaryKey().references('cases.id'))
    .addColumn('indexed_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await sql`insert into proposal_index_new (case_id, indexed_at) select case_id, indexed_at from proposal_index`.execute(
    db,
  );
  await db.schema.dropTable('proposal_index').execute();
  await sql`alter table proposal_index_new rename to proposal_index`.execute(db);

  await db.schema
    .createTable('proposal_terms_new')
    .addColumn('term', 'varchar(40)', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addPrimaryKeyConstraint('proposal_terms_pk_new', ['term', 'case_id'])
    .execute();
  await sql`insert into proposal_terms_new (term, case_id) select term, case_id from proposal_terms`.execute(
    db,
  );
  await db.schema.dropTable('proposal_terms').execute();
  await sql`alter table proposal_terms_new rename to proposal_terms`.execute(db);
  await db.schema.createIndex('proposal_terms_case').on('proposal_terms').column('case_id').execute();
}
