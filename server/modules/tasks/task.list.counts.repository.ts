// The task list's colour counts, for the same filter as the page (task.list.repository.ts): from the
// counters kept on write (task.counts.repository.ts) when the filter is made of their columns, else
// counted from an index range of the tasks.
import { type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/dialect/dialect.ts';
import { preparedByShape } from '../../db/prepared.ts';
import type { Database, Health, TaskStatus } from '../../db/schema.ts';
import { OPEN, shapeOf, where, type Range, type Shape, type TaskFilter } from './task.list.repository.ts';

function buildCounts(db: Db, f: Shape) {
  return db.kysely
    .selectFrom('tasks')
    .select(['tasks.health', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where((eb) => where(eb, f))
    .groupBy('tasks.health');
}

// The counts read task_counts (kept on write, task.counts.repository.ts) whenever the filter is made of
// its columns only: a few thousand counter rows instead of every task of a province. Any other filter
// (a plan, a unit, a keyword …) narrows the tasks to an index range small enough to count directly.
const COUNTED_FILTERS = new Set<keyof Shape>([
  'all',
  'subtree',
  'year',
  'sectionId',
  'region',
  'regionExact',
  'regionOnly',
  'status',
  'health',
  'undecomposed',
]);
const fromCounters = (f: Shape) =>
  Object.entries(f).every(([k, v]) => v === undefined || COUNTED_FILTERS.has(k as keyof Shape));

type CountEb = ExpressionBuilder<Database, 'task_counts'>;

function counterWhere(eb: CountEb, f: Shape): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  const within = (r: Range) =>
    eb.and([eb('task_counts.region_path', '>=', r.from), eb('task_counts.region_path', '<', r.to)]);
  if (f.subtree) and.push(within(f.subtree));
  else if (!f.all) and.push(eb.lit(false));
  if (f.year !== undefined) and.push(eb('task_counts.year', '=', f.year));
  if (f.sectionId !== undefined) and.push(eb('task_counts.section_id', '=', f.sectionId));
  if (f.region) and.push(within(f.region));
  if (f.regionExact !== undefined) and.push(eb('task_counts.region_path', '=', f.regionExact));
  if (f.status?.length) and.push(eb('task_counts.status', 'in', f.status));
  if (f.undecomposed !== undefined) {
    const delegated = eb.and([eb('task_counts.undecomposed', '=', 1), eb('task_counts.status', 'in', OPEN)]);
    and.push(f.undecomposed ? delegated : eb.not(delegated));
  }
  return eb.and(and);
}

function buildCounterCounts(db: Db, f: Shape) {
  return db.kysely
    .selectFrom('task_counts')
    .select(['task_counts.health', (eb) => eb.fn.sum<number | string>('task_counts.n').as('n')])
    .where((eb) => counterWhere(eb, f))
    .groupBy('task_counts.health');
}

const counters = new WeakMap<Db, (f: Shape) => Promise<unknown[]>>();
const counterCounts = new WeakMap<Db, (f: Shape) => Promise<unknown[]>>();

// A region's staff figures read their own subtree's rows of task_scope_counts (one row set per region at
// or above each task, kept on write) instead of summing the counters of every region below: the filter
// must be the subtree (and a region subtree inside or around it), a year, statuses and the 待分解 flag.
const SCOPE_FILTERS = new Set<keyof Shape>([
  'subtree',
  'region',
  'regionOnly',
  'year',
  'status',
  'health',
  'undecomposed',
]);

/** The one subtree the filter stands for (null: none at all), or undefined when it is not that kind. */
function scopeOf(f: Shape): string | null | undefined {
  if (!f.subtree) return undefined;
  if (!Object.entries(f).every(([k, v]) => v === undefined || SCOPE_FILTERS.has(k as keyof Shape)))
    return undefined;
  const own = f.subtree.from;
  if (!f.region) return own;
  const other = f.region.from;
  const under = (a: string, b: string) => a === b || a.startsWith(`${b}/`);
  if (under(other, own)) return other;
  if (under(own, other)) return own;
  return null;
}

interface ScopeShape {
  scope: string;
  year?: number | undefined;
  status?: TaskStatus[] | undefined;
  undecomposed?: boolean | undefined;
}

function buildScopeCounts(db: Db, f: ScopeShape) {
  return db.kysely
    .selectFrom('task_scope_counts as c')
    .select(['c.health', (eb) => eb.fn.sum<number | string>('c.n').as('n')])
    .where((eb) => {
      const and: Expression<SqlBool>[] = [eb('c.scope_path', '=', f.scope)];
      if (f.year !== undefined) and.push(eb('c.year', '=', f.year));
      if (f.status?.length) and.push(eb('c.status', 'in', f.status));
      if (f.undecomposed !== undefined) {
        const delegated = eb.and([eb('c.undecomposed', '=', 1), eb('c.status', 'in', OPEN)]);
        and.push(f.undecomposed ? delegated : eb.not(delegated));
      }
      return eb.and(and);
    })
    .groupBy('c.health');
}

/** Tasks with a report to review in the reader's subtree: exactly {subtree, report: submitted}. */
function reviewScopeOf(f: Shape): string | undefined {
  const { subtree, reportStatus, ...rest } = f;
  if (!subtree || reportStatus?.length !== 1 || reportStatus[0] !== 'submitted') return undefined;
  return Object.values(rest).every((v) => v === undefined) ? subtree.from : undefined;
}

const scopeCounts = new WeakMap<Db, (f: ScopeShape) => Promise<unknown[]>>();
const reviewCounts = new WeakMap<Db, (f: { scope: string }) => Promise<unknown[]>>();

function countQueryOf(db: Db, shape: Shape): () => Promise<unknown[]> {
  const review = reviewScopeOf(shape);
  if (review !== undefined) {
    let query = reviewCounts.get(db);
    if (!query)
      reviewCounts.set(
        db,
        (query = preparedByShape(db, (f: { scope: string }) =>
          db.kysely
            .selectFrom('task_review_counts as c')
            .select(['c.health', 'c.n'])
            .where('c.scope_path', '=', f.scope),
        )),
      );
    return () => query({ scope: review });
  }
  const scope = scopeOf(shape);
  if (scope === null) return () => Promise.resolve([]);
  if (scope !== undefined) {
    let query = scopeCounts.get(db);
    if (!query)
      scopeCounts.set(db, (query = preparedByShape(db, (f: ScopeShape) => buildScopeCounts(db, f))));
    const { year, status, undecomposed } = shape;
    return () => query({ scope, year, status, undecomposed });
  }
  if (fromCounters(shape)) {
    let query = counterCounts.get(db);
    if (!query)
      counterCounts.set(db, (query = preparedByShape(db, (sh: Shape) => buildCounterCounts(db, sh))));
    return () => query(shape);
  }
  let query = counters.get(db);
  if (!query) counters.set(db, (query = preparedByShape(db, (sh: Shape) => buildCounts(db, sh))));
  return () => query(shape);
}

/** How many tasks of the filter (without its colour filter) have each colour. */
export async function countTasksByHealth(db: Db, f: TaskFilter): Promise<Record<Health, number>> {
  const shape = shapeOf({ ...f, health: undefined });
  const rows = (await countQueryOf(db, shape)()) as Array<{ health: Health; n: number | string | null }>;
  const counts: Record<Health, number> = { green: 0, yellow: 0, red: 0, none: 0 };
  for (const r of rows) counts[r.health] = Number(r.n ?? 0);
  return counts;
}

/** Colour counts grouped by plan section or by region (the leader's 工作台), for the same filter. */
export async function countTasksGrouped(
  db: Db,
  f: TaskFilter,
  by: 'plan_section_id' | 'region_path',
): Promise<Array<{ group_key: string | number | null; health: Health; n: number }>> {
  const shape = shapeOf({ ...f, health: undefined });
  const scope = scopeOf(shape);
  if (by === 'region_path' && scope !== undefined) return countByRegionBelow(db, shape, scope);
  if (fromCounters(shape)) {
    const column = by === 'plan_section_id' ? 'task_counts.section_id' : 'task_counts.region_path';
    const rows = await db.kysely
      .selectFrom('task_counts')
      .where((eb) => counterWhere(eb, shape))
      .select([
        `${column} as group_key`,
        'task_counts.health',
        (eb) => eb.fn.sum<number | string>('task_counts.n').as('n'),
      ])
      .groupBy([column, 'task_counts.health'])
      .execute();
    return rows
      .map((r) => ({
        // section_id 0 is "no plan section".
        group_key: by === 'plan_section_id' && Number(r.group_key) === 0 ? null : r.group_key,
        health: r.health,
        n: Number(r.n),
      }))
      .filter((r) => r.n !== 0);
  }
  const column = `tasks.${by}` as const;
  const rows = await db.kysely
    .selectFrom('tasks')
    .where((eb) => where(eb, shape))
    .select([`${column} as group_key`, 'tasks.health', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy([column, 'tasks.health'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * The subtree's colours by the regions one level below it (each its whole subtree) and its own tasks
 * (the subtree less those below), from task_scope_counts: the subtree's rows and its children's.
 */
async function countByRegionBelow(db: Db, f: Shape, scope: string | null) {
  if (scope === null) return [];
  const of = (column: 'c.scope_path' | 'c.parent_path') =>
    db.kysely
      .selectFrom('task_scope_counts as c')
      .select(['c.scope_path', 'c.health', (eb) => eb.fn.sum<number | string>('c.n').as('n')])
      .where((eb) => {
        const and: Expression<SqlBool>[] = [eb(column, '=', scope)];
        if (f.year !== undefined) and.push(eb('c.year', '=', f.year));
        if (f.status?.length) and.push(eb('c.status', 'in', f.status));
        if (f.undecomposed !== undefined) {
          const delegated = eb.and([eb('c.undecomposed', '=', 1), eb('c.status', 'in', OPEN)]);
          and.push(f.undecomposed ? delegated : eb.not(delegated));
        }
        return eb.and(and);
      })
      .groupBy(['c.scope_path', 'c.health']);
  const rows = await of('c.scope_path').unionAll(of('c.parent_path')).execute();
  const own: Record<Health, number> = { green: 0, yellow: 0, red: 0, none: 0 };
  const out: Array<{ group_key: string; health: Health; n: number }> = [];
  for (const r of rows) {
    const n = Number(r.n);
    if (r.scope_path === scope) own[r.health] += n;
    else {
      own[r.health] -= n;
      if (n !== 0) out.push({ group_key: r.scope_path, health: r.health, n });
    }
  }
  for (const [health, n] of Object.entries(own) as Array<[Health, number]>)
    if (n !== 0) out.push({ group_key: scope, health, n });
  return out;
}
