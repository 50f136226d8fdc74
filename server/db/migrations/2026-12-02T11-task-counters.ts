import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code. Counters kept on write (issue 7 §8,
// docs/decisions/task-counters.md), filled here from the rows already present:
// - task_counts: how many tasks share one (region_path, year, plan section, status, colour, 待分解 flag).
//   The 工作台 figures, the leader's colour table and the task list's colour counts sum these few thousand
//   rows instead of counting 150,000 tasks. section_id 0 stands for "no plan section" (a key column may
//   not be null). undecomposed = 1 when the lead unit is a lower region's 统战部 and the task has no child
//   tasks yet (the list adds "and still open").
// - plan_item_rollups: a plan item's roll-up of its top-level tasks (parent_id null): the sums the
//   weighted progress is worked out from (cancelled tasks do not count, completed ones count as 100), the
//   progress itself, and the number of tasks of each colour. Report once: accepting a report moves it.
// - progress_reports_board: the not-yet-reported board's index, covering the per-unit count.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('task_counts')
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('health', 'varchar(8)', (c) => c.notNull())
    .addColumn('undecomposed', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_counts_pk', [
      'region_path',
      'year',
      'section_id',
      'status',
      'health',
      'undecomposed',
    ])
    .execute();
  await sql`
    insert into task_counts (region_path, year, section_id, status, health, undecomposed, n)
    select t.region_path, t.year, coalesce(t.plan_section_id, 0), t.status, t.health,
           case when u.kind = 'department' and t.region_code <> t.manager_region_code and t.child_count = 0
                then 1 else 0 end,
           count(*)
      from tasks t join units u on u.id = t.lead_unit_id
     group by 1, 2, 3, 4, 5, 6`.execute(db);

  await db.schema
    .createTable('plan_item_rollups')
    .addColumn('plan_item_id', 'integer', (c) =>
      c.primaryKey().references('plan_items.id').onDelete('cascade'),
    )
    .addColumn('tasks', 'integer', (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('weight_sum', 'integer', (c) => c.notNull())
    .addColumn('weighted_sum', 'integer', (c) => c.notNull())
    .addColumn('plain_sum', 'integer', (c) => c.notNull())
    .addColumn('progress', 'integer')
    .addColumn('green', 'integer', (c) => c.notNull())
    .addColumn('yellow', 'integer', (c) => c.notNull())
    .addColumn('red', 'integer', (c) => c.notNull())
    .addColumn('none', 'integer', (c) => c.notNull())
    .execute();
  await sql`
    insert into plan_item_rollups
      (plan_item_id, tasks, counted, weight_sum, weighted_sum, plain_sum, green, yellow, red, none)
    select plan_item_id, count(*),
           sum(case when status <> 'cancelled' then 1 else 0 end),
           sum(case when status <> 'cancelled' then weight else 0 end),
           sum(case when status = 'cancelled' then 0
                    when status = 'completed' then weight * 100 else weight * progress end),
           sum(case when status = 'cancelled' then 0 when status = 'completed' then 100 else progress end),
           sum(case when health = 'green' then 1 else 0 end),
           sum(case when health = 'yellow' then 1 else 0 end),
           sum(case when health = 'red' then 1 else 0 end),
           sum(case when health = 'none' then 1 else 0 end)
      from tasks
     where parent_id is null and plan_item_id is not null
     group by plan_item_id`.execute(db);
  await sql`
    update plan_item_rollups set progress = case
      when weight_sum > 0 then weighted_sum / weight_sum
      when counted > 0 then plain_sum / counted end`.execute(db);

  await db.schema
    .createIndex('progress_reports_board')
    .on('progress_reports')
    .columns(['status', 'region_path', 'due_date', 'lead_unit_id', 'period_key'])
    .execute();
}
