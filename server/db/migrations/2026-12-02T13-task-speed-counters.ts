import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code. Counters kept on write for the 工作台
// (issue 7 §8, docs/decisions/task-scope-counters.md), filled here from the rows already present:
// - tasks.reports_submitted: how many of the task's reports await review ('submitted'), moved by the
//   report's own status changes, so "has a report to review" is a fact of the task row.
// - task_scope_counts: tasks per (subtree, year, status, colour, 待分解 flag), one row set for each
//   region at or above the task's region: a region's staff figures read their own subtree's few rows
//   instead of summing the counters of every region below. parent_path (the subtree's parent, '' for a
//   root) gives the regions one level below a reader at once (the colours by region).
// - task_review_counts: tasks with a report to review, per subtree whose staff see the task AND manage it
//   (every region at or above both the task's region and its managing region), by colour.
// - task_counts_year: task_counts read by year (the colours by plan section of one year).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('tasks')
    .addColumn('reports_submitted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update tasks set reports_submitted = s.n
      from (select task_id, count(*) as n from progress_reports where status = 'submitted'
             group by task_id) as s
     where s.task_id = tasks.id`.execute(db);

  await db.schema
    .createTable('task_scope_counts')
    .addColumn('scope_path', 'text', (c) => c.notNull())
    .addColumn('parent_path', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('health', 'varchar(8)', (c) => c.notNull())
    .addColumn('undecomposed', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_scope_counts_pk', [
      'scope_path',
      'year',
      'status',
      'health',
      'undecomposed',
    ])
    .execute();
  await db.schema
    .createIndex('task_scope_counts_parent')
    .on('task_scope_counts')
    .columns(['parent_path', 'year', 'scope_path', 'health', 'n'])
    .execute();
  await sql`
    insert into task_scope_counts (scope_path, parent_path, year, status, health, undecomposed, n)
    select r.path, coalesce(up.path, ''), c.year, c.status, c.health, c.undecomposed, sum(c.n)
      from task_counts c
      join regions r on substr(c.region_path || '/', 1, length(r.path) + 1) = r.path || '/'
      left join regions up on up.code = r.parent_code
     group by r.path, up.path, c.year, c.status, c.health, c.undecomposed`.execute(db);

  await db.schema
    .createTable('task_review_counts')
    .addColumn('scope_path', 'text', (c) => c.notNull())
    .addColumn('health', 'varchar(8)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_review_counts_pk', ['scope_path', 'health'])
    .execute();
  await sql`
    insert into task_review_counts (scope_path, health, n)
    select r.path, t.health, sum(t.n)
      from (select region_path, manager_region_path, health, count(*) as n
              from tasks where reports_submitted > 0
             group by region_path, manager_region_path, health) t
      join regions r on substr(t.region_path || '/', 1, length(r.path) + 1) = r.path || '/'
                    and substr(t.manager_region_path || '/', 1, length(r.path) + 1) = r.path || '/'
     group by r.path, t.health`.execute(db);

  await db.schema
    .createIndex('task_counts_year')
    .on('task_counts')
    .columns(['year', 'region_path', 'section_id', 'health', 'n'])
    .execute();
}
