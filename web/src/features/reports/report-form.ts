// The report form's state, pure (unit-tested): from a report as the server sends it to the fields a person
// edits (one line per indicator and milestone of the task), back to the body the server takes, and which
// period a task's page opens.
import type { ReportContent, ReportDetail, ReportStatus, ReportSummary } from './api';

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  due: '待填报',
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  accepted: '已通过',
};
export const REPORT_STATUS_TAG: Record<ReportStatus, 'info' | 'warning' | 'primary' | 'success' | 'danger'> =
  {
    due: 'info',
    draft: 'primary',
    submitted: 'warning',
    returned: 'danger',
    accepted: 'success',
  };

const OPEN: ReportStatus[] = ['due', 'draft', 'returned'];

export interface IndicatorLine {
  indicatorId: number;
  actual: number | null;
}
export interface MilestoneLine {
  milestoneId: number;
  reached: boolean;
  doneDate: string | null;
}
export interface ReportForm {
  percent: number;
  narrative: string;
  indicatorActuals: IndicatorLine[];
  milestonesReached: MilestoneLine[];
  problems: string;
  nextSteps: string;
  attachmentIds: number[];
}

interface TaskFacts {
  progress: number;
  indicators: { id: number }[];
  milestones: { id: number; doneDate: string | null }[];
}

/** The fields for a report: every indicator and milestone of the task, filled from the report's content. */
export function formOf(report: ReportDetail, task: TaskFacts): ReportForm {
  const c = report.content;
  const actual = new Map(c.indicatorActuals.map((a) => [a.indicatorId, a.actual]));
  const reached = new Map(c.milestonesReached.map((m) => [m.milestoneId, m.doneDate]));
  return {
    percent: c.percent ?? task.progress,
    narrative: c.narrative,
    indicatorActuals: task.indicators.map((i) => ({ indicatorId: i.id, actual: actual.get(i.id) ?? null })),
    milestonesReached: task.milestones.map((m) => {
      const doneDate = reached.get(m.id) ?? null;
      return { milestoneId: m.id, reached: doneDate !== null, doneDate };
    }),
    problems: c.problems,
    nextSteps: c.nextSteps,
    attachmentIds: [...c.attachmentIds],
  };
}

/** The body the server takes: indicators left blank and milestones not reached are left out. */
export function bodyOf(form: ReportForm): ReportContent {
  return {
    percent: Math.round(form.percent),
    narrative: form.narrative,
    indicatorActuals: form.indicatorActuals.flatMap((i) =>
      i.actual === null || Number.isNaN(i.actual) ? [] : [{ indicatorId: i.indicatorId, actual: i.actual }],
    ),
    milestonesReached: form.milestonesReached.flatMap((m) =>
      m.reached && m.doneDate ? [{ milestoneId: m.milestoneId, doneDate: m.doneDate }] : [],
    ),
    problems: form.problems,
    nextSteps: form.nextSteps,
    attachmentIds: form.attachmentIds,
  };
}

/** A reached milestone with no done date: the message for its line, else null. */
export function milestoneProblem(form: ReportForm): string | null {
  return form.milestonesReached.some((m) => m.reached && !m.doneDate) ? '请填写已完成里程碑的完成日期' : null;
}

/**
 * The period a task's page opens: the one asked for (a link from the inbox), else the oldest still open
 * (returned first: it is waiting on its author), else the one awaiting review, else the latest.
 */
export function periodToOpen(reports: ReportSummary[], asked?: string | null): string | null {
  if (asked && reports.some((r) => r.periodKey === asked)) return asked;
  const returned = reports.find((r) => r.status === 'returned');
  const open = reports.find((r) => OPEN.includes(r.status));
  const submitted = reports.find((r) => r.status === 'submitted');
  return (returned ?? open ?? submitted ?? reports[reports.length - 1])?.periodKey ?? null;
}

/** Not submitted and past its due date (today as YYYY-MM-DD in Asia/Shanghai). */
export function overdue(r: Pick<ReportSummary, 'status' | 'dueDate'>, today: string): boolean {
  return (r.status === 'due' || r.status === 'draft') && r.dueDate < today;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
