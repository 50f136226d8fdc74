// Progress reports (进度填报) and cooperating units' parts (配合单位反馈): Kysely code only, rows out.
import { sql, type ExpressionBuilder, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Database, ProgressReportRow, ProgressReportTable, ReportStatus } from '../../../db/schema.ts';
import { adjustReportsSubmitted } from '../task.repository.ts';
import { countReportChanges } from './report.counts.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function listTaskReports(db: Q, taskId: number) {
  return db
    .selectFrom('progress_reports')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('period_start')
    .execute();
}

export function findReport(db: Q, taskId: number, periodKey: string) {
  return db
    .selectFrom('progress_reports')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('period_key', '=', periodKey)
    .executeTakeFirst();
}

/** The task's latest accepted report (by period), the source of a new form's pre-fill. */
export function findLastAccepted(db: Q, taskId: number) {
  return db
    .selectFrom('progress_reports')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('status', '=', 'accepted')
    .orderBy('period_end', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Changes the report if it is still at `version` and in one of `from`; false otherwise (someone changed
 * it first). Two simultaneous submissions of one period: one matches, the other finds version + 1.
 * A report entering or leaving 'submitted' moves its task's reports_submitted (and so the review
 * counters) in the same transaction; `from` is then either ['submitted'] or without it.
 */
export async function updateReportAtVersion(
  trx: Q,
  // The row as the caller read it in this transaction: its id, and the columns the counters follow.
  report: Pick<ProgressReportRow, 'id' | 'status' | 'due_date' | 'lead_unit_id' | 'region_path'>,
  version: number,
  from: ReportStatus[],
  patch: Updateable<ProgressReportTable>,
): Promise<boolean> {
  const leaving = from.includes('submitted');
  if (leaving && from.length > 1) throw new Error('a report leaves submitted from that state alone');
  const entering = !leaving && patch.status === 'submitted';
  const moves = entering || (leaving && patch.status !== undefined && patch.status !== 'submitted');
  const id = report.id;
  const before = patch.status === undefined ? undefined : countedOf(report);
  const res = await trx
    .updateTable('progress_reports')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', 'in', from)
    .returning(['task_id', 'status', 'due_date', 'lead_unit_id', 'region_path'])
    .executeTakeFirst();
  if (!res) return false;
  if (moves) await adjustReportsSubmitted(trx, res.task_id, entering ? 1 : -1);
  // The board's counters (missing, returned) follow the status in the same transaction.
  if (before && before.status !== res.status) await countReportChanges(trx, [{ before, after: res }]);
  return true;
}

const countedOf = (r: Pick<ProgressReportRow, 'status' | 'due_date' | 'lead_unit_id' | 'region_path'>) => ({
  status: r.status,
  due_date: r.due_date,
  lead_unit_id: r.lead_unit_id,
  region_path: r.region_path,
});

export function listContributions(db: Q, taskId: number, periodKey: string) {
  return db
    .selectFrom('report_contributions as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .innerJoin('users', 'users.id', 'c.updated_by')
    .select([
      'c.unit_id',
      'u.name as unit_name',
      'c.text',
      'c.updated_at',
      'users.display_name as updated_by_name',
      'c.version',
    ])
    .where('c.task_id', '=', taskId)
    .where('c.period_key', '=', periodKey)
    .orderBy('c.unit_id')
    .execute();
}

export function findContribution(db: Q, taskId: number, periodKey: string, unitId: number) {
  return db
    .selectFrom('report_contributions')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('period_key', '=', periodKey)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

export async function insertContribution(
  trx: Q,
  row: {
    task_id: number;
    period_key: string;
    unit_id: number;
    text: string;
    updated_by: number;
    updated_at: string;
  },
): Promise<boolean> {
  const res = await trx
    .insertInto('report_contributions')
    .values(row)
    .onConflict((oc) => oc.columns(['task_id', 'period_key', 'unit_id']).doNothing())
    .returning('task_id')
    .executeTakeFirst();
  return res !== undefined;
}

export async function updateContributionAtVersion(
  trx: Q,
  key: { taskId: number; periodKey: string; unitId: number },
  version: number,
  patch: { text: string; updated_by: number; updated_at: string },
): Promise<boolean> {
  const res = await trx
    .updateTable('report_contributions')
    .set({ ...patch, version: version + 1 })
    .where('task_id', '=', key.taskId)
    .where('period_key', '=', key.periodKey)
    .where('unit_id', '=', key.unitId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setIndicatorActual(trx: Q, taskId: number, id: number, actual: number): Promise<void> {
  await trx
    .updateTable('task_indicators')
    .set({ actual })
    .where('id', '=', id)
    .where('task_id', '=', taskId)
    .execute();
}

/** Marks a milestone done unless it already is; true when this call marked it. */
export async function markMilestoneDone(
  trx: Q,
  taskId: number,
  id: number,
  doneDate: string,
): Promise<boolean> {
  const res = await trx
    .updateTable('task_milestones')
    .set({ done_date: doneDate })
    .where('id', '=', id)
    .where('task_id', '=', taskId)
    .where('done_date', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface MissingFilter {
  /** Region subtree root path (the lead unit's region lies at or below it). */
  path: string;
  periodKey?: string | undefined;
  /** Reports still due or in draft count as missing once their due date is before this day. */
  today: string;
}

/**
 * The missing rows as two index ranges of progress_reports_board (status, region_path, due_date,
 * lead_unit_id, period_key), each read from the index alone: due/draft past their due date, and
 * returned. A region subtree is one range: paths hold digits and '/', so [path, path + '0') is the path
 * and everything below it.
 */
export function missingRows(db: Q, f: MissingFilter) {
  const of = (statuses: ReportStatus[], returned: 0 | 1) => {
    let q = db
      .selectFrom('progress_reports as p')
      .select(['p.lead_unit_id', sql<number>`${sql.lit(returned)}`.as('returned')])
      .where('p.status', 'in', statuses)
      .where('p.region_path', '>=', f.path)
      .where('p.region_path', '<', `${f.path}0`);
    if (!returned) q = q.where('p.due_date', '<', f.today);
    if (f.periodKey) q = q.where('p.period_key', '=', f.periodKey);
    return q;
  };
  return of(['due', 'draft'], 0).unionAll(of(['returned'], 1));
}

/** The missing rows counted per unit (with its region), exactly, in the board's order. */
export function countMissingByUnit(db: Q, f: MissingFilter) {
  const perUnit = db
    .selectFrom(missingRows(db, f).as('m'))
    .select((eb) => [
      'm.lead_unit_id',
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.sum<number | string>('m.returned').as('returned'),
    ])
    .groupBy('m.lead_unit_id');
  // The names are joined to the one row per unit, not to every report.
  return db
    .selectFrom(perUnit.as('g'))
    .innerJoin('units as u', 'u.id', 'g.lead_unit_id')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select([
      'g.lead_unit_id',
      'u.name as unit_name',
      'r.code as region_code',
      'r.name as region_name',
      'g.total',
      'g.returned',
    ])
    .orderBy('r.code')
    .orderBy('g.lead_unit_id')
    .execute();
}

/**
 * The missing rows of the given units, with their task, in the board's order (region, unit, due date):
 * two ranges per unit of progress_reports_unit (lead_unit_id, status, due_date), not the units' every report.
 */
export function listMissingReports(db: Q, f: MissingFilter, unitIds: readonly number[], limit: number) {
  if (unitIds.length === 0) return Promise.resolve([]);
  const of = (statuses: ReportStatus[], pastDue: boolean) => {
    let q = db
      .selectFrom('progress_reports as p')
      .innerJoin('units as u', 'u.id', 'p.lead_unit_id')
      .select([
        'p.id',
        'p.task_id',
        'p.period_key',
        'p.due_date',
        'p.status',
        'p.lead_unit_id',
        'u.region_code',
      ])
      .where('p.lead_unit_id', 'in', unitIds)
      .where('p.status', 'in', statuses)
      .where('p.region_path', '>=', f.path)
      .where('p.region_path', '<', `${f.path}0`);
    if (pastDue) q = q.where('p.due_date', '<', f.today);
    if (f.periodKey) q = q.where('p.period_key', '=', f.periodKey);
    return q;
  };
  // The page of rows first, then the titles of those rows' tasks only.
  const page = db
    .selectFrom(
      of(['due', 'draft'], true)
        .unionAll(of(['returned'], false))
        .as('m'),
    )
    .selectAll()
    .orderBy('m.region_code')
    .orderBy('m.lead_unit_id')
    .orderBy('m.due_date')
    .orderBy('m.id')
    .limit(limit);
  return db
    .selectFrom(page.as('m'))
    .innerJoin('tasks as t', 't.id', 'm.task_id')
    .selectAll('m')
    .select('t.title as task_title')
    .orderBy('m.region_code')
    .orderBy('m.lead_unit_id')
    .orderBy('m.due_date')
    .orderBy('m.id')
    .execute();
}

/** Keeps the scope copied onto a task's report rows in step with the task (a lead unit may change). */
export async function syncReportScope(
  trx: Q,
  task: { id: number; region_path: string; manager_region_path: string; lead_unit_id: number },
): Promise<void> {
  const differs = (eb: ExpressionBuilder<Database, 'progress_reports'>) =>
    eb.or([
      eb('region_path', '!=', task.region_path),
      eb('manager_region_path', '!=', task.manager_region_path),
      eb('lead_unit_id', '!=', task.lead_unit_id),
    ]);
  // The open ones move between units on the board's counters.
  const moved = await trx
    .selectFrom('progress_reports')
    .select(['status', 'due_date', 'lead_unit_id', 'region_path'])
    .where('task_id', '=', task.id)
    .where('status', 'in', ['due', 'draft', 'returned'])
    .where(differs)
    .execute();
  await trx
    .updateTable('progress_reports')
    .set({
      region_path: task.region_path,
      manager_region_path: task.manager_region_path,
      lead_unit_id: task.lead_unit_id,
    })
    .where('task_id', '=', task.id)
    .where(differs)
    .execute();
  await countReportChanges(
    trx,
    moved.map((before) => ({
      before,
      after: { ...before, lead_unit_id: task.lead_unit_id, region_path: task.region_path },
    })),
  );
}
