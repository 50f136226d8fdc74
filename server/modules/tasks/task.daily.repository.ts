// The Kysely code of time passing (task.periods.ts, task.daily.ts): the open tasks in id order, a batch
// at a time, and the 'due' report rows of newly opened periods.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, ProgressReportTable, TaskRow, TaskStatus } from '../../db/schema.ts';
import { countReportChanges } from './reports/report.counts.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** The tasks whose time runs: assigned, signed for, or waiting for completion to be confirmed. */
const OPEN_STATUSES: readonly TaskStatus[] = ['assigned', 'accepted', 'completion_requested'];

/** The next `limit` open tasks after `afterId`, by id (keyset pagination: each batch is one index range). */
export function listOpenTasksAfter(db: Q, afterId: number, limit: number): Promise<TaskRow[]> {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('status', 'in', [...OPEN_STATUSES])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The period keys that already have a report row. */
export async function listReportPeriodKeys(db: Q, taskId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('progress_reports')
    .select('period_key')
    .where('task_id', '=', taskId)
    .execute();
  return new Set(rows.map((r) => r.period_key));
}

/**
 * Inserts the rows, leaving alone any period that already has one (unique task_id + period_key: a
 * report someone is writing, or a row another process made a moment ago). The number inserted.
 */
export async function insertDueReports(
  db: Q,
  rows: readonly Insertable<ProgressReportTable>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto('progress_reports')
    .values([...rows])
    .onConflict((oc) => oc.columns(['task_id', 'period_key']).doNothing())
    .returning(['status', 'due_date', 'lead_unit_id', 'region_path'])
    .execute();
  // A period opened late (a task assigned after its first periods' due dates) is missing at once.
  await countReportChanges(
    db,
    inserted.map((after) => ({ after })),
  );
  return inserted.length;
}
