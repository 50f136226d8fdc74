import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. The not-yet-reported board's counters
// (issue 7 §8, docs/decisions/report-board-counters.md):
// - report_missing_counts: per lead unit (and its region path), its reports still due or in draft whose
//   due date is before the settled day (missing), and its returned reports not yet resubmitted. Kept on
//   every write of a report's status or scope.
// - report_board_state: the settled day (one row). The daily job moves it to today and adds the reports
//   that fell due since; the board adds the few reports between the settled day and today from the index.
//   Empty (nothing settled: every missing report is read from the index) until the first settlement.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('report_missing_counts')
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('missing', 'integer', (c) => c.notNull())
    .addColumn('returned', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_missing_counts_pk', ['lead_unit_id', 'region_path'])
    .execute();
  await db.schema
    .createIndex('report_missing_counts_region')
    .on('report_missing_counts')
    .columns(['region_path', 'lead_unit_id', 'missing', 'returned'])
    .execute();
  await db.schema
    .createTable('report_board_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('settled_day', 'varchar(10)', (c) => c.notNull())
    .execute();
  // Nothing settled yet: returned reports are counted now (they do not depend on the day).
  await db.insertInto('report_board_state').values({ id: 1, settled_day: '' }).execute();
  await db
    .insertInto('report_missing_counts')
    .columns(['lead_unit_id', 'region_path', 'missing', 'returned'])
    .expression((eb) =>
      eb
        .selectFrom('progress_reports')
        .select((e) => [
          'lead_unit_id',
          'region_path',
          e.lit(0).as('missing'),
          e.fn.countAll().as('returned'),
        ])
        .where('status', '=', 'returned')
        .groupBy(['lead_unit_id', 'region_path']),
    )
    .execute();
}
