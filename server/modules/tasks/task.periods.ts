// Reporting periods as time passes: when a period opens, its report row is created ('due'), so the
// not-reported boards and the unit's to-do list read rows instead of working out missing periods. This is
// the ONE place that creates 'due' rows (the daily job calls it; so may anything that changes a task's
// dates or cycle); submitting a report fills the row in.
import type { Transaction } from 'kysely';
import { toTimestamp } from '../../core/clock.ts';
import type { Services } from '../../core/services.ts';
import type { Database, TaskRow } from '../../db/schema.ts';
import type { CalendarDate, DueCalendar } from './rules/dates.ts';
import { periodsOpenBy } from './rules/periods.ts';
import { loadDueCalendar } from './task.calendar.ts';
import { assignedOn } from './task.health.ts';
import { insertDueReports, listReportPeriodKeys } from './task.daily.repository.ts';
import { listMilestones } from './task.repository.ts';

/**
 * Creates the 'due' report row of every period of the task that has opened by `today` and is owed (not
 * due before the task was assigned), copying the task's scope columns. Rows that exist are left as they
 * are. Due dates count working days on the holiday calendar (`calendar`: the one the caller loaded for
 * many tasks, else loaded here). Returns the number of rows created.
 */
export async function openReportPeriods(
  trx: Transaction<Database>,
  s: Services,
  task: TaskRow,
  today: CalendarDate,
  calendar?: DueCalendar,
): Promise<number> {
  if (task.cycle === 'none') return 0;
  const milestones = task.cycle === 'milestone' ? await listMilestones(trx, task.id) : [];
  const open = periodsOpenBy(
    {
      cycle: task.cycle,
      startDate: task.start_date,
      dueDate: task.due_date,
      reportDay: task.report_day,
      milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date })),
      assignedOn: assignedOn(task),
    },
    today,
    calendar ?? (await loadDueCalendar(trx, today)),
  );
  if (open.length === 0) return 0;
  const existing = await listReportPeriodKeys(trx, task.id);
  const now = toTimestamp(s.clock.now());
  return insertDueReports(
    trx,
    open
      .filter((p) => !existing.has(p.key))
      .map((p) => ({
        task_id: task.id,
        period_key: p.key,
        period_start: p.start,
        period_end: p.end,
        due_date: p.dueDate,
        region_path: task.region_path,
        manager_region_path: task.manager_region_path,
        lead_unit_id: task.lead_unit_id,
        status: 'due' as const,
        percent: null,
        submitted_at: null,
        submitted_by: null,
        reviewed_at: null,
        reviewed_by: null,
        review_comment: null,
        returned_at: null,
        created_at: now,
        updated_at: now,
      })),
  );
}
