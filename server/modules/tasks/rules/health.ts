import {
  calendarDays,
  type CalendarDate,
  dateOfTimestamp,
  daysBetween,
  type DueCalendar,
  formatDateZh as zh,
} from './dates.ts';
import type { Health, ReportStatus, TaskStatus } from '#server/db/schema.ts';
import type { HealthSettings } from './health.settings.ts';
import { periodLabel } from './periods.ts';

// 红黄绿灯: a task's colour, computed from its facts and today's date, never typed. Every colour comes
// with its reasons in words a clerk understands, with the figures behind them. The rules and thresholds
// are explained in docs/health-rules.md; keep the two in step.

// The stored vocabularies, written once (schema.ts). Health 'none': a draft, completed or cancelled task;
// report status 'due' and 'draft': nothing submitted yet.
export type { Health, ReportStatus, TaskStatus };

export interface HealthMilestone {
  id: number | string;
  title: string;
  dueDate: CalendarDate;
  doneDate: CalendarDate | null;
}

export interface HealthReport {
  periodKey: string;
  /** The period's label; worked out from the key when absent. */
  label?: string;
  dueDate: CalendarDate;
  status: ReportStatus;
  /** When the report was last returned (a stored timestamp or a date); only read while 'returned'. */
  returnedAt?: string | null;
}

export interface HealthFacts {
  status: TaskStatus;
  startDate: CalendarDate;
  dueDate: CalendarDate;
  /** Percent complete, 0–100, as of the last accepted report. */
  progress: number;
  milestones: readonly HealthMilestone[];
  /** One entry per period whose report is due by today + reportSoonDays (see expectedReports). */
  reports: readonly HealthReport[];
  /** When completion was requested (申请办结); read while the status is 'completion_requested'. */
  completionRequestedAt?: string | null;
}

export type HealthReasonCode =
  | 'TASK_OVERDUE'
  | 'MILESTONE_OVERDUE'
  | 'REPORT_MISSING'
  | 'REPORT_RETURNED_NOT_FIXED'
  | 'BEHIND_SCHEDULE'
  | 'MILESTONE_DUE_SOON'
  | 'REPORT_DUE_SOON'
  | 'REPORT_OVERDUE'
  | 'REPORT_RETURNED'
  | 'ON_TRACK'
  | 'MILESTONES_ON_TRACK'
  | 'NOT_STARTED'
  | 'COMPLETION_REQUESTED'
  | 'DRAFT'
  | 'COMPLETED'
  | 'CANCELLED';

export interface HealthReason {
  code: HealthReasonCode;
  /** The colour this reason alone gives; the task's colour is the worst of its reasons. */
  colour: Health;
  message: string;
}

export interface HealthResult {
  colour: Health;
  reasons: HealthReason[];
}

/** What every rule judges by besides the facts. */
interface Judging {
  today: CalendarDate;
  settings: HealthSettings;
  calendar: DueCalendar;
}

const red = (code: HealthReasonCode, message: string): HealthReason => ({ code, colour: 'red', message });
const yellow = (code: HealthReasonCode, message: string): HealthReason => ({
  code,
  colour: 'yellow',
  message,
});
const green = (code: HealthReasonCode, message: string): HealthReason => ({ code, colour: 'green', message });

const daysLeft = (today: CalendarDate, date: CalendarDate): string => {
  const n = daysBetween(today, date);
  return n === 0 ? '今天到期' : `还有 ${n} 天`;
};

/** Whether `date` falls from today up to `days` days ahead, counted by the due calendar. */
const dueWithin = (today: CalendarDate, date: CalendarDate, days: number, calendar: DueCalendar): boolean =>
  today <= date && date <= calendar.after(today, days);

function notLive(status: TaskStatus): HealthResult | null {
  switch (status) {
    case 'draft':
      return {
        colour: 'none',
        reasons: [{ code: 'DRAFT', colour: 'none', message: '任务尚未下达，不亮灯' }],
      };
    case 'completed':
      return {
        colour: 'none',
        reasons: [{ code: 'COMPLETED', colour: 'none', message: '任务已办结，不再亮灯' }],
      };
    case 'cancelled':
      return {
        colour: 'none',
        reasons: [{ code: 'CANCELLED', colour: 'none', message: '任务已撤销，不再亮灯' }],
      };
    case 'assigned':
    case 'accepted':
    case 'completion_requested':
      return null;
  }
}

function taskOverdue(facts: HealthFacts, today: CalendarDate): HealthReason[] {
  if (today <= facts.dueDate) return [];
  const late = daysBetween(facts.dueDate, today);
  return [
    red(
      'TASK_OVERDUE',
      `任务已超过完成时限（${zh(facts.dueDate)}），逾期 ${late} 天，当前进度 ${facts.progress}%`,
    ),
  ];
}

function milestoneReasons(facts: HealthFacts, { today, settings, calendar }: Judging): HealthReason[] {
  const reasons: HealthReason[] = [];
  for (const m of facts.milestones) {
    if (m.doneDate !== null) continue;
    if (today > m.dueDate) {
      const late = daysBetween(m.dueDate, today);
      reasons.push(
        red('MILESTONE_OVERDUE', `里程碑“${m.title}”应于 ${zh(m.dueDate)} 完成，已逾期 ${late} 天，尚未完成`),
      );
    } else if (dueWithin(today, m.dueDate, settings.milestoneSoonDays, calendar)) {
      reasons.push(
        yellow(
          'MILESTONE_DUE_SOON',
          `里程碑“${m.title}”将于 ${zh(m.dueDate)} 到期（${daysLeft(today, m.dueDate)}），尚未完成`,
        ),
      );
    }
  }
  return reasons;
}

// Without milestones, progress must keep up with the share of the task's time that has passed.
function paceReasons(facts: HealthFacts, today: CalendarDate, settings: HealthSettings): HealthReason[] {
  if (facts.milestones.length > 0) {
    const done = facts.milestones.filter((m) => m.doneDate !== null).length;
    return [
      green('MILESTONES_ON_TRACK', `已完成里程碑 ${done}/${facts.milestones.length} 个，没有逾期的里程碑`),
    ];
  }
  if (today < facts.startDate) {
    return [green('NOT_STARTED', `任务将于 ${zh(facts.startDate)} 开始`)];
  }
  const elapsed = elapsedPercent(facts.startDate, facts.dueDate, today);
  const behind = elapsed - facts.progress;
  const figures = `进度 ${facts.progress}%，时间已过 ${elapsed}%`;
  if (behind >= settings.behindMargin) {
    return [
      yellow(
        'BEHIND_SCHEDULE',
        `${figures}，落后 ${behind} 个百分点（落后 ${settings.behindMargin} 个百分点及以上亮黄灯）`,
      ),
    ];
  }
  return [
    green(
      'ON_TRACK',
      behind > 0 ? `${figures}，落后 ${behind} 个百分点，在允许范围内` : `${figures}，进度正常`,
    ),
  ];
}

/**
 * The share of the task's time that has passed, in whole percent rounded down: 0 on the start date,
 * 100 on the due date (a task due today is expected to be done today).
 */
export function elapsedPercent(start: CalendarDate, due: CalendarDate, today: CalendarDate): number {
  if (today < start) return 0;
  if (today >= due) return 100;
  return Math.floor((100 * daysBetween(start, today)) / daysBetween(start, due));
}

function reportName(report: HealthReport, facts: HealthFacts): string {
  return `进度报告（${report.label ?? periodLabel(report.periodKey, facts.milestones)}）`;
}

function reportReasons(facts: HealthFacts, { today, settings, calendar }: Judging): HealthReason[] {
  const reasons: HealthReason[] = [];
  const missing: HealthReport[] = [];
  for (const report of facts.reports) {
    const name = reportName(report, facts);
    if (report.status === 'returned') {
      const returnedOn = report.returnedAt ? dateOfTimestamp(report.returnedAt) : today;
      const fixBy = calendar.after(returnedOn, settings.returnedFixDays);
      reasons.push(
        today > fixBy
          ? red(
              'REPORT_RETURNED_NOT_FIXED',
              `${name}于 ${zh(returnedOn)} 被退回，已超过 ${settings.returnedFixDays} 天修改期限（${zh(fixBy)}）仍未重报`,
            )
          : yellow(
              'REPORT_RETURNED',
              `${name}于 ${zh(returnedOn)} 被退回，请于 ${zh(fixBy)} 前修改重报（${daysLeft(today, fixBy)}）`,
            ),
      );
    } else if (report.status === 'due' || report.status === 'draft') {
      const graceEnd = calendar.after(report.dueDate, settings.reportGraceDays);
      if (today > graceEnd) missing.push(report);
      else if (today > report.dueDate) {
        const late = daysBetween(report.dueDate, today);
        reasons.push(
          yellow(
            'REPORT_OVERDUE',
            `${name}已过截止日期（${zh(report.dueDate)}）${late} 天，尚未报送；宽限期到 ${zh(graceEnd)}，逾期将亮红灯`,
          ),
        );
      } else if (dueWithin(today, report.dueDate, settings.reportSoonDays, calendar)) {
        reasons.push(
          yellow(
            'REPORT_DUE_SOON',
            `${name}将于 ${zh(report.dueDate)} 截止（${daysLeft(today, report.dueDate)}），尚未报送`,
          ),
        );
      }
    }
  }
  if (missing.length > 0) reasons.unshift(missingReports(missing, facts, today, settings));
  return reasons;
}

// Missing reports read as one reason, so five years of silence is one line, not sixty.
function missingReports(
  missing: HealthReport[],
  facts: HealthFacts,
  today: CalendarDate,
  settings: HealthSettings,
): HealthReason {
  const sorted = [...missing].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  const grace = settings.reportGraceDays;
  const detail = (r: HealthReport) => `截止 ${zh(r.dueDate)}，逾期 ${daysBetween(r.dueDate, today)} 天`;
  if (sorted.length === 1) {
    const only = sorted[0]!;
    return red(
      'REPORT_MISSING',
      `${reportName(only, facts)}逾期未报：${detail(only)}，已过 ${grace} 天宽限期`,
    );
  }
  const shown = sorted
    .slice(0, 3)
    .map((r) => `${r.label ?? periodLabel(r.periodKey, facts.milestones)}（${detail(r)}）`);
  const more = sorted.length > 3 ? `等` : '';
  return red(
    'REPORT_MISSING',
    `${sorted.length} 期进度报告逾期未报（均已过 ${grace} 天宽限期）：${shown.join('、')}${more}`,
  );
}

// A unit that asked to close the task on time is not held to further reports or pace while staff
// confirm it; one that asked after the due date stays red for that.
function completionRequested(facts: HealthFacts, today: CalendarDate): HealthResult {
  const requestedOn = facts.completionRequestedAt ? dateOfTimestamp(facts.completionRequestedAt) : today;
  if (requestedOn > facts.dueDate) {
    const late = daysBetween(facts.dueDate, requestedOn);
    const reason = red(
      'TASK_OVERDUE',
      `任务超过完成时限（${zh(facts.dueDate)}）${late} 天后才申请办结（${zh(requestedOn)}），等待确认`,
    );
    return { colour: 'red', reasons: [reason] };
  }
  const reason = green('COMPLETION_REQUESTED', `已于 ${zh(requestedOn)} 按期申请办结，等待确认`);
  return { colour: 'green', reasons: [reason] };
}

/**
 * The colour of a task today and why. Red: the task or a milestone is overdue, a report is missing
 * after its grace days, or a returned report was not fixed in time. Yellow: progress behind the time
 * elapsed by the margin (tasks without milestones), a milestone or a report due soon, a report overdue
 * within its grace days, or a returned report still within its fixing days. Otherwise green.
 * Problem reasons come red first; a green task gets one reason saying why it is on track.
 */
export function healthOf(
  facts: HealthFacts,
  today: CalendarDate,
  settings: HealthSettings,
  calendar: DueCalendar = calendarDays,
): HealthResult {
  const inactive = notLive(facts.status);
  if (inactive) return inactive;
  if (facts.status === 'completion_requested') return completionRequested(facts, today);

  const judging: Judging = { today, settings, calendar };
  const overdue = taskOverdue(facts, today);
  const reasons = [
    ...overdue,
    ...milestoneReasons(facts, judging),
    ...reportReasons(facts, judging),
    ...(overdue.length > 0 ? [] : paceReasons(facts, today, settings)),
  ];
  const problems = [
    ...reasons.filter((r) => r.colour === 'red'),
    ...reasons.filter((r) => r.colour === 'yellow'),
  ];
  if (problems.length === 0) return { colour: 'green', reasons };
  return { colour: problems[0]!.colour, reasons: problems };
}
