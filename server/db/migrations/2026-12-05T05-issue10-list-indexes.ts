import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. Indexes for issue 10's lists at province
// scale (measured by bench:tasks on bench:data's province; docs/decisions/bench-issue10-data.md):
// - activity_events by year in list order (start date, then id, newest first): a year's page is read in
//   order and stops at its limit, instead of sorting every event of the year with all its text;
// - pairings by year then id: the ledger's page (newest first) reads its rows in order, instead of every
//   pairing of the year sorted;
// - one covering index of pairings for the ledger's counts per state and the statistics' sums (year and
//   state first: the statistics read the approved ones), so neither reads the wide rows.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('activity_events_year_start')
    .on('activity_events')
    .columns(['year', 'start_date', 'id'])
    .execute();
  await db.schema.createIndex('pairings_year_id').on('pairings').columns(['year', 'id']).execute();
  await db.schema
    .createIndex('pairings_year_cover')
    .on('pairings')
    .columns([
      'year',
      'status',
      'region_path',
      'federation_unit_id',
      'project_type',
      'village_code',
      'invested_fen',
      'income_fen',
      'people_helped',
      'jobs_created',
    ])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const name of ['pairings_year_cover', 'pairings_year_id', 'activity_events_year_start'])
    await db.schema.dropIndex(name).execute();
}
