// The scoped task list: the busiest read of the task module (issue 7 §8), with its colour counts beside it
// (task.list.counts.repository.ts). Each is built and compiled once per combination of filters
// (db/prepared.ts) and run as a prepared statement, and each reads an index, never the whole table
// (test/explain.test.ts checks the plans):
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
export interface Range {
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
export interface Shape extends Omit<TaskFilter, 'visibility' | 'regionPath' | 'q' | 'report'> {
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

export function shapeOf(f: TaskFilter): Shape {
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
export const OPEN: TaskStatus[] = ['assigned', 'accepted', 'completion_requested'];

function within(eb: TaskEb, r: Range) {
  return eb.and([eb('tasks.region_path', '>=', r.from), eb('tasks.region_path', '<', r.to)]);
}

function prefixed(eb: TaskEb, p: Prefix) {
  const [[length, value]] = Object.entries(p) as [[string, string]];
  // The expression exactly as the index spells it, the length a literal (it is the shape's, not a value).
  const expr = sql<string>`substr(${sql.ref('tasks.region_path')} || '/', 1, ${sql.lit(Number(length))})`;
  return eb(expr, '=', value);
}

export function where(eb: TaskEb, f: Shape): Expression<SqlBool> {
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
    // a lead unit's own (progress_reports_unit), or a subtree's (progress_reports_board: a report's
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

const pages = new WeakMap<Db, (f: PageShape) => Promise<unknown[]>>();

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
