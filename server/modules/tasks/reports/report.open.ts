// Report rows (one per task and period) are created when their period opens, with status 'due', so the
// colour rules, the unit's to-do list and the not-yet-reported board all read rows that exist.
import type { Transaction } from 'kysely';
import { toTimestamp } from '../../../core/clock.ts';
import type { Services } from '../../../core/services.ts';
import type { Database, TaskRow, TaskStatus } from '../../../db/schema.ts';
import { shanghaiDate } from '../rules/dates.ts';
import { periodsOpenBy } from '../rules/periods.ts';
import { listMilestones } from '../task.repository.ts';
import { insertMissingReports, syncReportScope } from './report.repository.ts';

/** A task reports while it is in the lead unit's hands: from assignment until it is completed. */
const REPORTING: TaskStatus[] = ['assigned', 'accepted', 'completion_requested'];

type OpenFacts = Pick<
  TaskRow,
  | 'id'
  | 'status'
  | 'cycle'
  | 'start_date'
  | 'due_date'
  | 'report_day'
  | 'region_path'
  | 'manager_region_path'
  | 'lead_unit_id'
>;

/**
 * Creates the rows of the task's periods that have opened by today and do not exist yet. Existing rows
 * keep their status and content (a report already filed is never reset); rows are not removed when a
 * task's dates change, so nothing reported is lost.
 */
export async function openReportPeriods(
  trx: Transaction<Database>,
  s: Services,
  task: OpenFacts,
): Promise<void> {
  await syncReportScope(trx, task);
  if (!REPORTING.includes(task.status) || task.cycle === 'none') return;
  const milestones =
    task.cycle === 'milestone'
      ? (await listMilestones(trx, task.id)).map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date }))
      : [];
  const today = shanghaiDate(s.clock.now());
  const periods = periodsOpenBy(
    {
      cycle: task.cycle,
      startDate: task.start_date,
      dueDate: task.due_date,
      reportDay: task.report_day,
      milestones,
    },
    today,
  );
  const now = toTimestamp(s.clock.now());
  await insertMissingReports(
    trx,
    periods.map((p) => ({
      task_id: task.id,
      period_key: p.key,
      period_start: p.start,
      period_end: p.end,
      due_date: p.dueDate,
      region_path: task.region_path,
      manager_region_path: task.manager_region_path,
      lead_unit_id: task.lead_unit_id,
      status: 'due',
      percent: null,
      created_at: now,
      updated_at: now,
    })),
  );
}
