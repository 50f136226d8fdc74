// Counters kept on write (docs/decisions/task-counters.md): every write of a task row goes through
// task.repository.ts, which calls countedWrite here, in the caller's transaction. It reads the task's
// counted facts before and after the write and moves the counters by the difference:
// - task_counts: tasks per (region_path, year, plan section, status, colour, 待分解 flag), which the
//   工作台 figures and the list's colour counts sum instead of counting the tasks;
// - task_unit_counts: tasks per (region_path, year, lead unit, status, colour), the leader's dashboard's
//   "by lead unit" (modules/dashboard);
// - plan_item_rollups: a plan item's roll-up of its top-level tasks (progress and colours), the plan
//   item's share of "report once".
// - task_scope_counts: the same tasks once for every region at or above the task's region (its subtrees),
//   without the section: a region's staff figures read their own subtree's rows (docs/decisions/
//   task-scope-counters.md);
// - task_section_counts: the same tasks once for every region at or above the task's region, by (year,
//   plan section), one column per colour: the 工作台's colours by plan section read one row per section
//   of the reader's subtree (docs/decisions/task-section-counters.md);
// - task_review_counts: tasks with a report to review (reports_submitted > 0), for every region at or
//   above both the task's region and its managing region, by colour (the staff's 待审核的报告).
// recountTaskCounters rebuilds them all from the task rows (after a bulk load; the tests compare).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { movesOf, ROLLUP_SUMS, type Counted } from './task.counts.moves.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** The columns of a task row that move a counter; a write touching none of them skips the bookkeeping. */
export const COUNTED_COLUMNS = new Set([
  'region_path',
  'region_code',
  'manager_region_code',
  'year',
  'plan_section_id',
  'plan_item_id',
  'parent_id',
  'lead_unit_id',
  'status',
  'health',
  'child_count',
  'progress',
  'weight',
  'manager_region_path',
  'reports_submitted',
]);

// 待分解: led by a lower region's 统战部 and not yet decomposed (the list adds "and still open").
const UNDECOMPOSED = sql<number>`case when u.kind = 'department' and t.region_code <> t.manager_region_code
  and t.child_count = 0 then 1 else 0 end`;

async function countedOf(db: Q, id: number): Promise<Counted | undefined> {
  const row = await db
    .selectFrom('tasks as t')
    .innerJoin('units as u', 'u.id', 't.lead_unit_id')
    .select([
      't.region_path',
      't.year',
      't.plan_section_id',
      't.status',
      't.health',
      UNDECOMPOSED.as('undecomposed'),
      't.lead_unit_id',
      't.plan_item_id',
      't.parent_id',
      't.weight',
      't.progress',
      't.manager_region_path',
      't.reports_submitted',
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { plan_section_id, ...rest } = row;
  return { ...rest, section_id: plan_section_id ?? 0, undecomposed: Number(row.undecomposed) };
}

type Moves = ReturnType<typeof movesOf>;

// One upsert per table, of the rows `movesOf` left (their keys are distinct, as PostgreSQL requires of
// the rows of one INSERT … ON CONFLICT DO UPDATE).
async function applyMoves(trx: Q, m: Moves) {
  if (m.counts.length)
    await trx
      .insertInto('task_counts')
      .values(m.counts)
      .onConflict((oc) =>
        oc
          .columns(['region_path', 'year', 'section_id', 'status', 'health', 'undecomposed'])
          .doUpdateSet((eb) => ({ n: eb('task_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  if (m.units.length)
    await trx
      .insertInto('task_unit_counts')
      .values(m.units)
      .onConflict((oc) =>
        oc
          .columns(['year', 'region_path', 'lead_unit_id', 'status', 'health'])
          .doUpdateSet((eb) => ({ n: eb('task_unit_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  if (m.scopes.length)
    await trx
      .insertInto('task_scope_counts')
      .values(m.scopes)
      .onConflict((oc) =>
        oc
          .columns(['scope_path', 'year', 'status', 'health', 'undecomposed'])
          .doUpdateSet((eb) => ({ n: eb('task_scope_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  if (m.sections.length)
    await trx
      .insertInto('task_section_counts')
      .values(m.sections)
      .onConflict((oc) =>
        oc.columns(['scope_path', 'year', 'section_id']).doUpdateSet((eb) => ({
          green: eb('task_section_counts.green', '+', eb.ref('excluded.green')),
          yellow: eb('task_section_counts.yellow', '+', eb.ref('excluded.yellow')),
          red: eb('task_section_counts.red', '+', eb.ref('excluded.red')),
          none: eb('task_section_counts.none', '+', eb.ref('excluded.none')),
        })),
      )
      .execute();
  if (m.reviews.length)
    await trx
      .insertInto('task_review_counts')
      .values(m.reviews)
      .onConflict((oc) =>
        oc
          .columns(['scope_path', 'health'])
          .doUpdateSet((eb) => ({ n: eb('task_review_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  if (m.rollups.length) {
    await trx
      .insertInto('plan_item_rollups')
      .values(m.rollups)
      .onConflict((oc) =>
        oc
          .column('plan_item_id')
          .doUpdateSet((eb) =>
            Object.fromEntries(
              ROLLUP_SUMS.map((k) => [k, eb(`plan_item_rollups.${k}`, '+', eb.ref(`excluded.${k}`))]),
            ),
          ),
      )
      .execute();
    // Integer division on both databases: rounded down, as rollupProgress does; null when nothing counts.
    await trx
      .updateTable('plan_item_rollups')
      .set({
        progress: sql<number | null>`case when weight_sum > 0 then weighted_sum / weight_sum
          when counted > 0 then plain_sum / counted end`,
      })
      .where(
        'plan_item_id',
        'in',
        m.rollups.map((r) => r.plan_item_id),
      )
      .execute();
  }
}

/**
 * Runs a write of task `id` (an insert when the row does not exist yet: pass the id the write returns via
 * `idOf`) and moves the counters by what it changed. Must run inside the writer's transaction.
 */
export async function countedWrite<T>(
  trx: Q,
  id: number | null,
  write: () => Promise<T>,
  idOf: (result: T) => number | null = () => id,
): Promise<T> {
  const before = id === null ? undefined : await countedOf(trx, id);
  const result = await write();
  const afterId = idOf(result);
  const after = afterId === null ? undefined : await countedOf(trx, afterId);
  await applyMoves(trx, movesOf(before, after));
  return result;
}

/** Rebuilds every counter from the task and report rows: after a bulk load, and as the tests' reference. */
export async function recountTaskCounters(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // The task's own count of reports awaiting review, from the reports (a bulk load writes both raw).
    await sql`update tasks set reports_submitted = 0 where reports_submitted <> 0`.execute(trx);
    // Grouped first, then joined (UPDATE … FROM, SQLite and PostgreSQL): a correlated count per task
    // may be planned on the status index and read every submitted report for each task.
    await sql`
      update tasks set reports_submitted = s.n
        from (select task_id, count(*) as n from progress_reports where status = 'submitted'
               group by task_id) as s
       where s.task_id = tasks.id`.execute(trx);
    await trx.deleteFrom('task_counts').execute();
    await trx.deleteFrom('task_scope_counts').execute();
    await trx.deleteFrom('task_section_counts').execute();
    await trx.deleteFrom('task_review_counts').execute();
    await trx.deleteFrom('plan_item_rollups').execute();
    await trx.deleteFrom('task_unit_counts').execute();
    await sql`
      insert into task_unit_counts (region_path, year, lead_unit_id, status, health, n)
      select region_path, year, lead_unit_id, status, health, count(*) from tasks group by 1, 2, 3, 4, 5`.execute(
      trx,
    );
    await sql`
      insert into task_counts (region_path, year, section_id, status, health, undecomposed, n)
      select t.region_path, t.year, coalesce(t.plan_section_id, 0), t.status, t.health, ${UNDECOMPOSED}, count(*)
        from tasks t join units u on u.id = t.lead_unit_id
       group by 1, 2, 3, 4, 5, 6`.execute(trx);
    // Each region's subtree: the counters of the paths at or below it (region paths come from regions).
    await sql`
      insert into task_scope_counts (scope_path, parent_path, year, status, health, undecomposed, n)
      select r.path, coalesce(up.path, ''), c.year, c.status, c.health, c.undecomposed, sum(c.n)
        from task_counts c
        join regions r on substr(c.region_path || '/', 1, length(r.path) + 1) = r.path || '/'
        left join regions up on up.code = r.parent_code
       group by r.path, up.path, c.year, c.status, c.health, c.undecomposed`.execute(trx);
    await sql`
      insert into task_section_counts (scope_path, year, section_id, green, yellow, red, none)
      select r.path, c.year, c.section_id,
             sum(case when c.health = 'green' then c.n else 0 end),
             sum(case when c.health = 'yellow' then c.n else 0 end),
             sum(case when c.health = 'red' then c.n else 0 end),
             sum(case when c.health = 'none' then c.n else 0 end)
        from task_counts c
        join regions r on substr(c.region_path || '/', 1, length(r.path) + 1) = r.path || '/'
       group by r.path, c.year, c.section_id`.execute(trx);
    await sql`
      insert into task_review_counts (scope_path, health, n)
      select r.path, t.health, sum(t.n)
        from (select region_path, manager_region_path, health, count(*) as n
                from tasks where reports_submitted > 0
               group by region_path, manager_region_path, health) t
        join regions r on substr(t.region_path || '/', 1, length(r.path) + 1) = r.path || '/'
                      and substr(t.manager_region_path || '/', 1, length(r.path) + 1) = r.path || '/'
       group by r.path, t.health`.execute(trx);
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
       group by plan_item_id`.execute(trx);
    await sql`
      update plan_item_rollups set progress = case
        when weight_sum > 0 then weighted_sum / weight_sum
        when counted > 0 then plain_sum / counted end`.execute(trx);
  });
}
