// Report rows (one per task and period) are created when their period opens, with status 'due', so the
// colour rules, the unit's to-do list and the not-yet-reported board all read rows that exist. After any
// change of a task: its rows' copied scope follows the task, and the periods opened so far get their
// rows (through task.periods.ts, the one place that creates them; the daily job calls it too).
import type { Transaction } from 'kysely';
import type { Services } from '../../../core/services.ts';
import type { Database, TaskRow, TaskStatus } from '../../../db/schema.ts';
import { shanghaiDate } from '../rules/dates.ts';
import { openReportPeriods as openOwedPeriods } from '../task.periods.ts';
import { syncReportScope } from './report.repository.ts';

/** A task reports while it is in the lead unit's hands: from assignment until it is completed. */
const REPORTING: TaskStatus[] = ['assigned', 'accepted', 'completion_requested'];

/**
 * Keeps the task's report rows in step with it and creates the rows of its periods opened by today.
 * Existing rows keep their status and content (a report already filed is never reset).
 */
export async function openReportPeriods(
  trx: Transaction<Database>,
  s: Services,
  task: TaskRow,
): Promise<void> {
  await syncReportScope(trx, task);
  if (!REPORTING.includes(task.status)) return;
  await openOwedPeriods(trx, s, task, shanghaiDate(s.clock.now()));
}
