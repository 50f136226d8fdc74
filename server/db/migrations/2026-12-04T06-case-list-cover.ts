import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. One covering index for the case list's
// counts per state and the case statistics (issue 9 §8; docs/decisions/case-list-cover-index.md): their
// visibility filter ORs the handling and the submitting region subtrees with the reader's own cases, which
// no single index range serves, so they scan. Scanning this index instead of the table skips each case's
// text (a proposal's three parts) and reads every column they filter and sum by. State first: the counts
// group by it in index order (otherwise SQLite picks cases_due for that order and reads every row from
// the table), and a type's year is still found by skipping over the few states.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('cases_cover')
    .on('cases')
    .columns([
      'state',
      'type',
      'year',
      'region_path',
      'submitter_region_path',
      'submitter_unit_id',
      'submitter_user_id',
      'submitter_org_id',
      'is_key',
      'due_date',
      'lead_unit_id',
      'subtype',
      'adopted',
      'answered_on_time',
      'satisfaction',
      'accepted_at',
      'forwarded_at',
      'answered_at',
    ])
    .execute();
}
