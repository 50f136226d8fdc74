import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. progress_reports_open (status,
// region_path, due_date) is the leading part of progress_reports_board (status, region_path, due_date,
// lead_unit_id, period_key): every query it served reads the board's index the same way, and each change
// of a report's status rewrote both (issue 7 §8, docs/decisions/report-index-trim.md).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('progress_reports_open').ifExists().execute();
}
