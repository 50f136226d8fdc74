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
import type { Database, Health, TaskStatus } from '../../db/schema.ts';

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

interface Counted {
  region_path: string;
  year: number;
  section_id: number;
  status: TaskStatus;
  health: Health;
  undecomposed: number;
  lead_unit_id: number;
  plan_item_id: number | null;
  parent_id: number | null;
  weight: number;
  progress: number;
  manager_region_path: string;
  reports_submitted: number;
}

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

const keyOf = (c: Counted) =>
  [c.region_path, c.year, c.section_id, c.status, c.health, c.undecomposed].join('|');

const scopeKeyOf = (c: Counted) => [c.region_path, c.year, c.status, c.health, c.undecomposed].join('|');

// task_unit_counts: the same tasks by lead unit (the leader's dashboard, modules/dashboard).
const unitKeyOf = (c: Counted) => [c.region_path, c.year, c.lead_unit_id, c.status, c.health].join('|');

async function bumpUnitCount(trx: Q, c: Counted, delta: number) {
  await trx
    .insertInto('task_unit_counts')
    .values({
      region_path: c.region_path,
      year: c.year,
      lead_unit_id: c.lead_unit_id,
      status: c.status,
      health: c.health,
      n: delta,
    })
    .onConflict((oc) =>
      oc
        .columns(['year', 'region_path', 'lead_unit_id', 'status', 'health'])
        .doUpdateSet((eb) => ({ n: eb('task_unit_counts.n', '+', eb.ref('excluded.n')) })),
    )
    .execute();
}

async function bumpCount(trx: Q, c: Counted, delta: number) {
  await trx
    .insertInto('task_counts')
    .values({
      region_path: c.region_path,
      year: c.year,
      section_id: c.section_id,
      status: c.status,
      health: c.health,
      undecomposed: c.undecomposed,
      n: delta,
    })
    .onConflict((oc) =>
      oc
        .columns(['region_path', 'year', 'section_id', 'status', 'health', 'undecomposed'])
        .doUpdateSet((eb) => ({ n: eb('task_counts.n', '+', eb.ref('excluded.n')) })),
    )
    .execute();
}

/** The region paths at and above `path`, root first: '370000', '370000/370100', … */
function subtreesOf(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

async function bumpScopes(trx: Q, c: Counted, delta: number) {
  for (const [i, scope] of subtreesOf(c.region_path).entries()) {
    await trx
      .insertInto('task_scope_counts')
      .values({
        scope_path: scope,
        parent_path: i === 0 ? '' : scope.slice(0, scope.lastIndexOf('/')),
        year: c.year,
        status: c.status,
        health: c.health,
        undecomposed: c.undecomposed,
        n: delta,
      })
      .onConflict((oc) =>
        oc
          .columns(['scope_path', 'year', 'status', 'health', 'undecomposed'])
          .doUpdateSet((eb) => ({ n: eb('task_scope_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  }
}

// task_section_counts: the colours by plan section of every subtree the task is in.
const sectionKeyOf = (c: Counted) => [c.region_path, c.year, c.section_id, c.health].join('|');

async function bumpSections(trx: Q, c: Counted, delta: number) {
  const colours = { green: 0, yellow: 0, red: 0, none: 0 };
  colours[c.health] = delta;
  for (const scope of subtreesOf(c.region_path))
    await trx
      .insertInto('task_section_counts')
      .values({ scope_path: scope, year: c.year, section_id: c.section_id, ...colours })
      .onConflict((oc) =>
        oc.columns(['scope_path', 'year', 'section_id']).doUpdateSet((eb) => ({
          [c.health]: eb(`task_section_counts.${c.health}`, '+', eb.ref(`excluded.${c.health}`)),
        })),
      )
      .execute();
}

/** The subtrees whose staff both see the task and manage it: those at or above both regions. */
function reviewScopesOf(c: Counted | undefined): string[] {
  if (!c || c.reports_submitted <= 0) return [];
  const managing = new Set(subtreesOf(c.manager_region_path));
  return subtreesOf(c.region_path).filter((p) => managing.has(p));
}
const reviewKeyOf = (c: Counted | undefined) => `${reviewScopesOf(c).join(',')}|${c?.health ?? ''}`;

async function bumpReview(trx: Q, c: Counted, delta: number) {
  for (const scope of reviewScopesOf(c))
    await trx
      .insertInto('task_review_counts')
      .values({ scope_path: scope, health: c.health, n: delta })
      .onConflict((oc) =>
        oc
          .columns(['scope_path', 'health'])
          .doUpdateSet((eb) => ({ n: eb('task_review_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
}

/** A top-level task's share of its plan item's roll-up (the rules of rules/rollup.ts, as sums). */
function shareOf(c: Counted | undefined) {
  if (!c || c.parent_id !== null || c.plan_item_id === null) return undefined;
  const counts = c.status !== 'cancelled';
  const progress = c.status === 'completed' ? 100 : c.progress;
  return {
    plan_item_id: c.plan_item_id,
    tasks: 1,
    counted: counts ? 1 : 0,
    weight_sum: counts ? c.weight : 0,
    weighted_sum: counts ? c.weight * progress : 0,
    plain_sum: counts ? progress : 0,
    green: c.health === 'green' ? 1 : 0,
    yellow: c.health === 'yellow' ? 1 : 0,
    red: c.health === 'red' ? 1 : 0,
    none: c.health === 'none' ? 1 : 0,
  };
}
type Share = NonNullable<ReturnType<typeof shareOf>>;
const SUMS = [
  'tasks',
  'counted',
  'weight_sum',
  'weighted_sum',
  'plain_sum',
  'green',
  'yellow',
  'red',
  'none',
] as const;

async function bumpRollup(trx: Q, share: Share, sign: 1 | -1) {
  const values = { ...share };
  for (const k of SUMS) values[k] *= sign;
  await trx
    .insertInto('plan_item_rollups')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('plan_item_id')
        .doUpdateSet((eb) =>
          Object.fromEntries(
            SUMS.map((k) => [k, eb(`plan_item_rollups.${k}`, '+', eb.ref(`excluded.${k}`))]),
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
    .where('plan_item_id', '=', share.plan_item_id)
    .execute();
}

const sameShare = (a: Share | undefined, b: Share | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.plan_item_id === b.plan_item_id &&
    SUMS.every((k) => a[k] === b[k]));

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
  if ((before && keyOf(before)) !== (after && keyOf(after))) {
    if (before) await bumpCount(trx, before, -1);
    if (after) await bumpCount(trx, after, 1);
    // Their keys are made of task_counts' key, so they can only move when that one does.
    if ((before && scopeKeyOf(before)) !== (after && scopeKeyOf(after))) {
      if (before) await bumpScopes(trx, before, -1);
      if (after) await bumpScopes(trx, after, 1);
    }
    if ((before && sectionKeyOf(before)) !== (after && sectionKeyOf(after))) {
      if (before) await bumpSections(trx, before, -1);
      if (after) await bumpSections(trx, after, 1);
    }
  }
  if (reviewKeyOf(before) !== reviewKeyOf(after)) {
    if (before) await bumpReview(trx, before, -1);
    if (after) await bumpReview(trx, after, 1);
  }
  if ((before && unitKeyOf(before)) !== (after && unitKeyOf(after))) {
    if (before) await bumpUnitCount(trx, before, -1);
    if (after) await bumpUnitCount(trx, after, 1);
  }
  const [was, is] = [shareOf(before), shareOf(after)];
  if (!sameShare(was, is)) {
    if (was) await bumpRollup(trx, was, -1);
    if (is) await bumpRollup(trx, is, 1);
  }
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
