// The scoped task list and its colour counts: the busiest read of the task module (issue 7 §8). Each is
// built and compiled once per combination of filters (db/prepared.ts) and run as a prepared statement, and
// each reads an index, never the whole table (task.explain.test.ts checks the plans):
// - the page first picks its ids from the task row alone (the scope is one range on the task's own
//   region_path, so the index tasks_scope covers it), then joins the names for those twenty rows only,
//   reading only the columns a list row shows (SUMMARY_COLUMNS; the Excel export reads whole rows);
// - the counts read the same range without joining anything.
import type { RecordVisibility } from '../../core/access/visibility.ts';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/dialect/dialect.ts';
import { escapeLike, likePattern } from '../../db/like.ts';
import { preparedByShape } from '../../db/prepared.ts';
import type { Database, Health, ReportStatus, TaskRow, TaskStatus } from '../../db/schema.ts';
import { NAMES, SUMMARY_COLUMNS, type TaskSummaryRow, type TaskWithNames } from './task.repository.ts';

/**
 * Which tasks a reader may see, as data: everything; a region subtree (by the lead unit's region path);
 * the tasks a unit leads or cooperates on; or nothing.
 */
export type TaskVisibility = RecordVisibility;

export interface TaskFilter {
  visibility: TaskVisibility;
  year?: number | undefined;
  planId?: number | undefined;
  sectionId?: number | undefined;
  planItemId?: number | undefined;
  regionPath?: string | undefined;
  // regionPath names one region's own tasks, not its subtree.
  regionOnly?: boolean | undefined;
  leadUnitId?: number | undefined;
  cooperatingUnitId?: number | undefined;
  parentId?: number | undefined;
  status?: TaskStatus[] | undefined;
  health?: Health[] | undefined;
  source?: TaskRow['source'] | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  q?: string | undefined;
  undecomposed?: boolean | undefined;
  // Tasks with a report in these states (due by `dueTo` when given); for a reader of a region subtree,
  // submitted reports count only where that subtree manages the task (its staff review them).
  report?: { status: ReportStatus[]; dueTo?: string | undefined } | undefined;
  // Tasks with an adjustment request awaiting a decision (of the reader's subtree, as above).
  adjustmentPending?: boolean | undefined;
}

export interface TaskPageArgs {
  sort: 'id' | 'due';
  // The sort key of the last row of the previous page.
  after?: { id: number; due?: string } | undefined;
  limit: number;
}

/** A region subtree as one range: paths hold digits and '/', so [path, path + '0') is path and below. */
interface Range {
  from: string;
  to: string;
}
const rangeOf = (path: string): Range => ({ from: path, to: `${path}0` });

/**
 * The same subtree as one value for the page's order: `substr(region_path || '/', 1, n)` equals the path
 * and a '/' for exactly the paths at or below it. Indexed (with year, then id or due date) at the lengths
 * of a province, city and county path plus the '/' (migration 2026-12-02T13-task-scope-order), so a
 * subtree's page of a year is read in order; the key is the length, the value the path and its '/'.
 */
type Prefix = Record<string, string>;
const INDEXED_PREFIX_LENGTHS = new Set([7, 14, 21]);
function prefixOf(path: string): Prefix | undefined {
  const value = `${path}/`;
  return INDEXED_PREFIX_LENGTHS.has(value.length) ? { [value.length]: value } : undefined;
}

// The filter as the prepared query sees it: every value it sends is worked out here, beforehand, and the
// kinds are booleans (preparedByShape stands in for every string, so a `kind` string could not steer it).
interface Shape extends Omit<TaskFilter, 'visibility' | 'regionPath' | 'q' | 'report'> {
  all?: boolean;
  subtree?: Range;
  unitId?: number;
  region?: Range;
  regionExact?: string;
  qPattern?: string;
  reportStatus?: ReportStatus[];
  reportDueTo?: string;
  // The page only: the subtree (or the region filter) as its indexed prefix instead of its range.
  subtreePrefix?: Prefix;
  regionPrefix?: Prefix;
}

function shapeOf(f: TaskFilter): Shape {
  const { visibility: v, regionPath, q, report, ...rest } = f;
  const shape: Shape = { ...rest };
  if (report) {
    shape.reportStatus = report.status;
    if (report.dueTo !== undefined) shape.reportDueTo = report.dueTo;
  }
  if (v.kind === 'all') shape.all = true;
  if (v.kind === 'region') shape.subtree = rangeOf(v.path);
  if (v.kind === 'unit') shape.unitId = v.unitId;
  if (regionPath !== undefined) {
    if (f.regionOnly) shape.regionExact = regionPath;
    else shape.region = rangeOf(regionPath);
  }
  if (q) shape.qPattern = `%${escapeLike(q)}%`;
  return shape;
}

type TaskEb = ExpressionBuilder<Database, 'tasks'>;
const OPEN: TaskStatus[] = ['assigned', 'accepted', 'completion_requested'];

function within(eb: TaskEb, r: Range) {
  return eb.and([eb('tasks.region_path', '>=', r.from), eb('tasks.region_path', '<', r.to)]);
}

function prefixed(eb: TaskEb, p: Prefix) {
  const [[length, value]] = Object.entries(p) as [[string, string]];
  // The expression exactly as the index spells it, the length a literal (it is the shape's, not a value).
  const expr = sql<string>`substr(${sql.ref('tasks.region_path')} || '/', 1, ${sql.lit(Number(length))})`;
  return eb(expr, '=', value);
}

function where(eb: TaskEb, f: Shape): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  const cooperating = (unitId: number) =>
    eb('tasks.id', 'in', eb.selectFrom('task_cooperators').select('task_id').where('unit_id', '=', unitId));
  if (f.subtreePrefix) and.push(prefixed(eb, f.subtreePrefix));
  else if (f.subtree) and.push(within(eb, f.subtree));
  else if (f.unitId !== undefined) {
    // Led or cooperated on, as one list of ids: an OR of the two made PostgreSQL read every task.
    const unitId = f.unitId;
    and.push(
      eb(
        'tasks.id',
        'in',
        eb
          .selectFrom('tasks as led')
          .select('led.id as task_id')
          .where('led.lead_unit_id', '=', unitId)
          .union(eb.selectFrom('task_cooperators').select('task_id').where('unit_id', '=', unitId)),
      ),
    );
  } else if (!f.all) and.push(eb.lit(false));
  if (f.year !== undefined) and.push(eb('tasks.year', '=', f.year));
  if (f.planId !== undefined) and.push(eb('tasks.plan_id', '=', f.planId));
  if (f.sectionId !== undefined) and.push(eb('tasks.plan_section_id', '=', f.sectionId));
  if (f.planItemId !== undefined) and.push(eb('tasks.plan_item_id', '=', f.planItemId));
  if (f.regionPrefix) and.push(prefixed(eb, f.regionPrefix));
  else if (f.region) and.push(within(eb, f.region));
  if (f.regionExact !== undefined) and.push(eb('tasks.region_path', '=', f.regionExact));
  if (f.leadUnitId !== undefined) and.push(eb('tasks.lead_unit_id', '=', f.leadUnitId));
  if (f.cooperatingUnitId !== undefined) and.push(cooperating(f.cooperatingUnitId));
  if (f.parentId !== undefined) and.push(eb('tasks.parent_id', '=', f.parentId));
  if (f.status?.length) and.push(eb('tasks.status', 'in', f.status));
  if (f.health?.length) and.push(eb('tasks.health', 'in', f.health));
  if (f.source !== undefined) and.push(eb('tasks.source', '=', f.source));
  if (f.dueFrom !== undefined) and.push(eb('tasks.due_date', '>=', f.dueFrom));
  if (f.dueTo !== undefined) and.push(eb('tasks.due_date', '<=', f.dueTo));
  if (f.qPattern !== undefined) and.push(likePattern('tasks.title', f.qPattern));
  if (f.undecomposed !== undefined) {
    // 待分解: assigned to a lower region's 统战部 and not yet decomposed there.
    const delegated = eb.and([
      eb(
        'tasks.lead_unit_id',
        'in',
        eb.selectFrom('units').select('units.id').where('units.kind', '=', 'department'),
      ),
      eb('tasks.region_code', '<>', eb.ref('tasks.manager_region_code')),
      eb('tasks.child_count', '=', 0),
      eb('tasks.status', 'in', OPEN),
    ]);
    and.push(f.undecomposed ? delegated : eb.not(delegated));
  }
  if (f.reportStatus?.length) {
    const { reportStatus, reportDueTo, subtree, leadUnitId } = f;
    const reviewing = reportStatus.includes('submitted');
    // Narrowed the way the reports are indexed, so the subquery never reads a whole province's reports:
    // a lead unit's own (progress_reports_unit), or a subtree's (progress_reports_open: a report's
    // region_path is its task's, so the range keeps exactly the reports of visible tasks).
    and.push(
      eb(
        'tasks.id',
        'in',
        eb
          .selectFrom('progress_reports as pr')
          .select('pr.task_id')
          .where((r) => {
            const on: Expression<SqlBool>[] = [r('pr.status', 'in', reportStatus)];
            if (reportDueTo !== undefined) on.push(r('pr.due_date', '<=', reportDueTo));
            if (leadUnitId !== undefined && !reviewing) on.push(r('pr.lead_unit_id', '=', leadUnitId));
            else if (subtree && !reviewing)
              on.push(r('pr.region_path', '>=', subtree.from), r('pr.region_path', '<', subtree.to));
            if (subtree && reviewing)
              on.push(
                r('pr.manager_region_path', '>=', subtree.from),
                r('pr.manager_region_path', '<', subtree.to),
              );
            return r.and(on);
          }),
      ),
    );
  }
  if (f.adjustmentPending) {
    and.push(
      eb(
        'tasks.id',
        'in',
        eb.selectFrom('task_adjustments').select('task_id').where('task_adjustments.status', '=', 'pending'),
      ),
    );
    if (f.subtree)
      and.push(
        eb.and([
          eb('tasks.manager_region_path', '>=', f.subtree.from),
          eb('tasks.manager_region_path', '<', f.subtree.to),
        ]),
      );
  }
  return eb.and(and);
}

interface PageShape extends Shape {
  byDue: boolean;
  // The list's rows (SUMMARY_COLUMNS) rather than whole task rows (the Excel export).
  summary: boolean;
  afterId?: number;
  afterDue?: string;
  limit: number;
}

function buildPage(db: Db, f: PageShape) {
  let ids = db.kysely
    .selectFrom('tasks')
    .select('tasks.id')
    .where((eb) => where(eb, f));
  const afterId = f.afterId;
  if (f.byDue) {
    const due = f.afterDue;
    if (due !== undefined && afterId !== undefined)
      ids = ids.where((eb) =>
        eb.or([
          eb('tasks.due_date', '>', due),
          eb.and([eb('tasks.due_date', '=', due), eb('tasks.id', '>', afterId)]),
        ]),
      );
    ids = ids.orderBy('tasks.due_date').orderBy('tasks.id');
  } else {
    if (afterId !== undefined) ids = ids.where('tasks.id', '<', afterId);
    // A region with no year: `+id` keeps SQLite from walking the whole table newest first in search of
    // the region's twenty (a county holds one task in 150); it reads the region's range of tasks_region_id
    // and sorts those ids. With a year, tasks_year_id walked newest first was faster (bench:tasks).
    const ranged = (f.subtree || f.region) && f.year === undefined;
    ids = ranged ? ids.orderBy(sql`+${sql.ref('tasks.id')}`, 'desc') : ids.orderBy('tasks.id', 'desc');
  }
  const joined = db.kysely
    .selectFrom('tasks')
    .innerJoin('units as u', 'u.id', 'tasks.lead_unit_id')
    .innerJoin('regions as r', 'r.code', 'tasks.region_code');
  const page = (f.summary ? joined.select(SUMMARY_COLUMNS) : joined.selectAll('tasks'))
    .select(NAMES)
    .where('tasks.id', 'in', ids.limit(f.limit));
  return f.byDue ? page.orderBy('tasks.due_date').orderBy('tasks.id') : page.orderBy('tasks.id', 'desc');
}

function buildCounts(db: Db, f: Shape) {
  return db.kysely
    .selectFrom('tasks')
    .select(['tasks.health', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where((eb) => where(eb, f))
    .groupBy('tasks.health');
}

const pages = new WeakMap<Db, (f: PageShape) => Promise<unknown[]>>();
const counters = new WeakMap<Db, (f: Shape) => Promise<unknown[]>>();

/** A page of the list: the rows the list shows (taskToSummary). */
export function listTaskSummaries(db: Db, f: TaskFilter, page: TaskPageArgs): Promise<TaskSummaryRow[]> {
  return pageOf(db, f, page, true) as Promise<TaskSummaryRow[]>;
}

/** A page of whole task rows (the Excel export writes every column). */
export function listTasks(db: Db, f: TaskFilter, page: TaskPageArgs): Promise<TaskWithNames[]> {
  return pageOf(db, f, page, false) as Promise<TaskWithNames[]>;
}

async function pageOf(db: Db, f: TaskFilter, page: TaskPageArgs, summary: boolean): Promise<unknown[]> {
  let query = pages.get(db);
  if (!query) pages.set(db, (query = preparedByShape(db, (shape: PageShape) => buildPage(db, shape))));
  const shape: PageShape = { ...shapeOf(f), byDue: page.sort === 'due', summary, limit: page.limit };
  // A year's page of a subtree, in the index's order: by the narrower of the reader's subtree and the
  // region filter (the other stays a range, checked on the rows the index gives).
  if (f.year !== undefined) {
    const region = f.regionPath !== undefined && !f.regionOnly ? prefixOf(f.regionPath) : undefined;
    const subtree = f.visibility.kind === 'region' ? prefixOf(f.visibility.path) : undefined;
    if (region) shape.regionPrefix = region;
    else if (subtree) shape.subtreePrefix = subtree;
  }
  if (page.after) {
    shape.afterId = page.after.id;
    if (page.sort === 'due' && page.after.due !== undefined) shape.afterDue = page.after.due;
  }
  return query(shape);
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
