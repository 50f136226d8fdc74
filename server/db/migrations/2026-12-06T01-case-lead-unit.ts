import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. The case list filtered by its handling
// (lead) department, as the statistics' per-department figures open it (issue 9): the page, newest first,
// is read in id order within the department and stops at its limit, instead of walking every case's id
// until twenty of that department turn up. The submitting organisation has its own (cases_org).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex('cases_lead_unit').on('cases').columns(['lead_unit_id', 'id']).execute();
}
