import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. 品牌活动 at province scale
// (docs/decisions/activity-list-speed.md):
// - events by year with the columns the list's counts per state and the totals' event counts filter and
//   group by (scope, state, brand, plan item, place, organiser), so neither reads the wide rows (agenda,
//   summary, participants);
// - events by start date then id: a page of the list without a year reads in order and stops at its limit;
// - outcomes by event with what the totals add up (kind, quantity, amount) and filter by (where it lands),
//   so a total reads index entries only.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('activity_events_year_cover')
    .on('activity_events')
    .columns([
      'year',
      'owner_region_path',
      'state',
      'brand_id',
      'plan_item_id',
      'place_region_path',
      'organiser_unit_id',
    ])
    .execute();
  await db.schema
    .createIndex('activity_events_start')
    .on('activity_events')
    .columns(['start_date', 'id'])
    .execute();
  await db.schema
    .createIndex('activity_outcomes_event_cover')
    .on('activity_outcomes')
    .columns(['event_id', 'kind', 'quantity', 'amount_fen', 'region_path'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const name of ['activity_outcomes_event_cover', 'activity_events_start', 'activity_events_year_cover'])
    await db.schema.dropIndex(name).execute();
}
