import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. 品牌活动 at province scale
// (docs/decisions/activity-list-speed.md):
// - events by year in list order (start date, then id) with the columns the list's filter, its counts per
//   state and the totals' event counts read (scope, state, brand, plan item, place, organiser): a year's
//   page reads in order and stops at its limit, checking the scope in the index, and the counts and totals
//   read the index alone, never the wide rows (agenda, summary, participants). It replaces the year index
//   of 2026-12-05T05, which it starts with (two indexes on the year let SQLite pick the one that sorts);
// - events by start date then id: a page of the list without a year reads in order too;
// - outcomes by event (then id, the outcome list's order) with what the totals add up (kind, quantity,
//   amount) and filter by (where it lands), replacing the plain event index of 2026-12-04T01.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('activity_events_year_cover')
    .on('activity_events')
    .columns([
      'year',
      'start_date',
      'id',
      'owner_region_path',
      'state',
      'brand_id',
      'plan_item_id',
      'place_region_path',
      'organiser_unit_id',
    ])
    .execute();
  await db.schema.dropIndex('activity_events_year_start').execute();
  await db.schema
    .createIndex('activity_events_start')
    .on('activity_events')
    .columns(['start_date', 'id'])
    .execute();
  await db.schema
    .createIndex('activity_outcomes_event_cover')
    .on('activity_outcomes')
    .columns(['event_id', 'id', 'kind', 'quantity', 'amount_fen', 'region_path'])
    .execute();
  await db.schema.dropIndex('activity_outcomes_event').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('activity_outcomes_event')
    .on('activity_outcomes')
    .columns(['event_id', 'id'])
    .execute();
  await db.schema
    .createIndex('activity_events_year_start')
    .on('activity_events')
    .columns(['year', 'start_date', 'id'])
    .execute();
  for (const name of ['activity_outcomes_event_cover', 'activity_events_start', 'activity_events_year_cover'])
    await db.schema.dropIndex(name).execute();
}
