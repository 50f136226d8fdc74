import {
  addDays,
  calendarDate,
  calendarDays,
  type CalendarDate,
  type DueCalendar,
  lastDayOfMonth,
  maxDate,
  minDate,
} from './dates.ts';
import type { TaskCycle } from '#server/db/schema.ts';

// Reporting periods (填报周期): one progress report per task and period. Pure: the tasks module stores
// one report row per period key and asks these functions which periods exist and which are due.

/** The task's 报送周期, as stored (schema.ts TaskCycle). */
export type ReportingCycle = TaskCycle;

export interface PeriodMilestone {
  id: number | string;
  title: string;
  dueDate: CalendarDate;
}

export interface PeriodTask {
  cycle: ReportingCycle;
  startDate: CalendarDate;
  dueDate: CalendarDate;
  /** A report is due this many days after its period ends (报送期限). */
  reportDay: number;
  milestones?: readonly PeriodMilestone[];
  /**
   * The day the task was assigned (交办), when known: a period whose report fell due before it is not
   * owed (a task assigned on 1 March does not owe January's report). docs/decisions/reports-owed-from-assignment.md
   */
  assignedOn?: CalendarDate | null;
}

export interface ReportingPeriod {
  /** Stable key stored with the report: '2026-05', '2026-Q2', 'm:<milestoneId>', 'm:final'. */
  key: string;
  /** '2026年5月', '2026年第二季度', '里程碑：…'. */
  label: string;
  start: CalendarDate;
  end: CalendarDate;
  dueDate: CalendarDate;
}

/** The period after the last milestone, up to the task's own due date (the task's completion). */
const FINAL_MILESTONE_KEY = 'm:final';
const FINAL_MILESTONE_TITLE = '任务完成';
const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;

interface Span {
  key: string;
  label: string;
  start: CalendarDate;
  end: CalendarDate;
}

function yearMonth(date: CalendarDate): [number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
}

// Calendar spans (months or quarters) from the task's first to its last, before clipping.
function calendarSpans(task: PeriodTask, monthsPerSpan: 1 | 3): Span[] {
  const spans: Span[] = [];
  const [startYear, startMonth] = yearMonth(task.startDate);
  const [dueYear, dueMonth] = yearMonth(task.dueDate);
  let year = startYear;
  let month = startMonth - ((startMonth - 1) % monthsPerSpan);
  while (year < dueYear || (year === dueYear && month <= dueMonth)) {
    const lastMonth = month + monthsPerSpan - 1;
    const quarter = (month - 1) / 3;
    spans.push({
      key: monthsPerSpan === 1 ? `${year}-${String(month).padStart(2, '0')}` : `${year}-Q${quarter + 1}`,
      label: monthsPerSpan === 1 ? `${year}年${month}月` : `${year}年${QUARTER_NAMES[quarter]}`,
      start: calendarDate(year, month, 1),
      end: lastDayOfMonth(year, lastMonth),
    });
    month += monthsPerSpan;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return spans;
}

// One period per milestone date, from the day after the previous one. Milestones outside the task's
// dates count at the nearest end of it, and milestones on the same date share one period (one report
// covers them all). What follows the last milestone, up to the task's due date, is the final period.
function milestoneSpans(task: PeriodTask): Span[] {
  const clamped = (task.milestones ?? [])
    .map((m) => ({ ...m, dueDate: maxDate(task.startDate, minDate(task.dueDate, m.dueDate)) }))
    .sort((a, b) =>
      a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : String(a.id).localeCompare(String(b.id)),
    );
  const spans: Span[] = [];
  let start = task.startDate;
  for (let i = 0; i < clamped.length;) {
    const end = clamped[i]!.dueDate;
    const group = [];
    while (i < clamped.length && clamped[i]!.dueDate === end) group.push(clamped[i++]!);
    spans.push({
      key: `m:${group[0]!.id}`,
      label: `里程碑：${group.map((m) => m.title).join('、')}`,
      start,
      end,
    });
    start = addDays(end, 1);
  }
  if (start <= task.dueDate) {
    spans.push({
      key: FINAL_MILESTONE_KEY,
      label: `里程碑：${FINAL_MILESTONE_TITLE}`,
      start,
      end: task.dueDate,
    });
  }
  return spans;
}

function spansOf(task: PeriodTask): Span[] {
  switch (task.cycle) {
    case 'monthly':
      return calendarSpans(task, 1);
    case 'quarterly':
      return calendarSpans(task, 3);
    case 'milestone':
      return milestoneSpans(task);
    case 'none':
      return [];
  }
}

/**
 * Every reporting period of a task, in order, clipped to the task's start and due dates: together they
 * cover the task's span exactly once. A period's report is due `reportDay` days after its (clipped) end,
 * so the last period of a task due mid-month is reported `reportDay` days after the task's due date.
 * A task with no span (start after due) or the cycle 'none' has no periods.
 */
export function reportingPeriods(task: PeriodTask, calendar: DueCalendar = calendarDays): ReportingPeriod[] {
  if (task.startDate > task.dueDate) return [];
  return spansOf(task).map((span) => {
    const start = maxDate(span.start, task.startDate);
    const end = minDate(span.end, task.dueDate);
    return { key: span.key, label: span.label, start, end, dueDate: calendar.after(end, task.reportDay) };
  });
}

/** The periods whose report the task owes: every period, less those due before it was assigned. */
export function owedPeriods(task: PeriodTask, calendar: DueCalendar = calendarDays): ReportingPeriod[] {
  const periods = reportingPeriods(task, calendar);
  const assignedOn = task.assignedOn;
  return assignedOn ? periods.filter((p) => p.dueDate >= assignedOn) : periods;
}

/** The period a date falls in, or null outside the task's dates (or for the cycle 'none'). */
export function periodContaining(
  task: PeriodTask,
  date: CalendarDate,
  calendar: DueCalendar = calendarDays,
): ReportingPeriod | null {
  return reportingPeriods(task, calendar).find((p) => p.start <= date && date <= p.end) ?? null;
}

/** The owed periods whose report is due on or before a date (the reports that should exist by then). */
export function periodsDueBy(
  task: PeriodTask,
  date: CalendarDate,
  calendar: DueCalendar = calendarDays,
): ReportingPeriod[] {
  return owedPeriods(task, calendar).filter((p) => p.dueDate <= date);
}

/** The owed periods that have begun by a date: the report rows that should exist ('due') by then. */
export function periodsOpenBy(
  task: PeriodTask,
  date: CalendarDate,
  calendar: DueCalendar = calendarDays,
): ReportingPeriod[] {
  return owedPeriods(task, calendar).filter((p) => p.start <= date);
}

/** The label of a stored period key, for a report row that does not carry one. */
export function periodLabel(key: string, milestones: readonly PeriodMilestone[] = []): string {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return `${quarter[1]}年${QUARTER_NAMES[Number(quarter[2]) - 1]}`;
  if (key === FINAL_MILESTONE_KEY) return `里程碑：${FINAL_MILESTONE_TITLE}`;
  if (key.startsWith('m:')) {
    const milestone = milestones.find((m) => String(m.id) === key.slice(2));
    return `里程碑：${milestone?.title ?? '（已删除）'}`;
  }
  return key;
}
