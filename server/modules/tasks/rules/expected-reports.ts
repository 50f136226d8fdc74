import { calendarDays, type CalendarDate, type DueCalendar } from './dates.ts';
import type { HealthReport } from './health.ts';
import type { HealthSettings } from './health.settings.ts';
import { owedPeriods, type PeriodTask } from './periods.ts';

/**
 * The report facts healthOf reads: every stored report row, plus a 'due' entry for each period whose
 * report is due by today + reportSoonDays but has no row yet (rows are made when a period opens, and a
 * missed job run must not hide a missing report). Stored rows win over computed periods for the same key.
 * Periods due before the task was assigned are not owed (periods.ts owedPeriods).
 */
export function expectedReports(
  task: PeriodTask,
  rows: readonly HealthReport[],
  today: CalendarDate,
  settings: HealthSettings,
  calendar: DueCalendar = calendarDays,
): HealthReport[] {
  const horizon = calendar.after(today, settings.reportSoonDays);
  const byKey = new Map(rows.map((r) => [r.periodKey, r]));
  const result: HealthReport[] = [];
  for (const period of owedPeriods(task, calendar)) {
    const row = byKey.get(period.key);
    if (row) {
      result.push({ ...row, label: row.label ?? period.label });
      byKey.delete(period.key);
    } else if (period.dueDate <= horizon) {
      result.push({ periodKey: period.key, label: period.label, dueDate: period.dueDate, status: 'due' });
    }
  }
  // Rows for periods the task no longer has (its dates or milestones changed) still count.
  return [...result, ...byKey.values()];
}
