import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code. The 工作台's colours by plan section
// (issue 7 §8, docs/decisions/task-section-counters.md): task_section_counts holds, for every region at or
// above a task's region (its subtrees), the tasks per (year, plan section) with one column per colour, so
// a reader's colours by section read one row per section of their own subtree instead of summing the
// counters of every region below. Filled here from the task rows already present.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('task_section_counts')
    .addColumn('scope_path', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('green', 'integer', (c) => c.notNull())
    .addColumn('yellow', 'integer', (c) => c.notNull())
    .addColumn('red', 'integer', (c) => c.notNull())
    .addColumn('none', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_section_counts_pk', ['scope_path', 'year', 'section_id'])
    .execute();
  await sql`
    insert into task_section_counts (scope_path, year, section_id, green, yellow, red, none)
    select r.path, t.year, t.section_id,
           sum(case when t.health = 'green' then t.n else 0 end),
           sum(case when t.health = 'yellow' then t.n else 0 end),
           sum(case when t.health = 'red' then t.n else 0 end),
           sum(case when t.health = 'none' then t.n else 0 end)
      from (select region_path, year, coalesce(plan_section_id, 0) as section_id, health, count(*) as n
              from tasks group by 1, 2, 3, 4) t
      join regions r on substr(t.region_path || '/', 1, length(r.path) + 1) = r.path || '/'
     group by r.path, t.year, t.section_id`.execute(db);
}
