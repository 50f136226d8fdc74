import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code. The leader's dashboard (issue 8 §5,
// docs/decisions/dashboard.md):
// - task_unit_counts: how many tasks share one (region_path, year, lead unit, status, colour), kept on
//   write beside task_counts, so the dashboard's "by lead unit" sums a few thousand rows instead of
//   grouping a province's tasks. Filled here from the rows already present.
// - task_health_months: how many tasks of a plan year had each colour at the end of each month, per
//   region, worked out from the colour history (task_health_history) by a daily job; the months it has
//   settled are in task_health_months_settled (none yet: the dashboard works them out until the job runs).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('task_unit_counts')
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('health', 'varchar(8)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_unit_counts_pk', [
      'year',
      'region_path',
      'lead_unit_id',
      'status',
      'health',
    ])
    .execute();
  await sql`
    insert into task_unit_counts (region_path, year, lead_unit_id, status, health, n)
    select region_path, year, lead_unit_id, status, health, count(*)
      from tasks
     group by 1, 2, 3, 4, 5`.execute(db);

  await db.schema
    .createTable('task_health_months')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('health', 'varchar(8)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_health_months_pk', ['year', 'month', 'region_path', 'health'])
    .execute();
  await db.schema
    .createTable('task_health_months_settled')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('through_month', 'integer', (c) => c.notNull())
    .addColumn('settled_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}
