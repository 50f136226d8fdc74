// The reminder and escalation ladder of one deadline, worked out from its due date, today and the rules.
// Pure: the job (reminder.job.ts) reads deadlines and the ledger of steps already taken, asks this file
// what to do, and records it.
import type { ReminderRules } from './reminder.settings.ts';

/** 'YYYY-MM-DD'. */
type Day = string;

/** Working-day arithmetic (the calendar module's WorkingDays). */
export interface WorkingCalendar {
  isWorkingDay(day: Day): boolean;
  addWorkingDays(day: Day, n: number): Day;
  workingDaysBetween(from: Day, to: Day): number;
}

export type DeadlineKind =
  | 'task_due'
  | 'milestone_due'
  | 'report_due'
  | 'notice_response_due'
  | 'case_answer_due'
  | 'activity_checklist_due'
  | 'activity_followup_due';

// 0: the reminder before the deadline; 1–4: the escalation steps after it.
export type Step = 0 | 1 | 2 | 3 | 4;

export const STEP_LABELS: Record<Step, string> = {
  0: '到期提醒',
  1: '逾期提醒单位承办人',
  2: '逾期告知单位负责人',
  3: '逾期告知统战部工作人员',
  4: '逾期报告部领导',
};

export function leadDays(rules: ReminderRules, kind: DeadlineKind): number {
  switch (kind) {
    case 'task_due':
      return rules.taskDueLead;
    // An event's preparation items and a project's follow-up dates are its milestones
    // (docs/decisions/activity-reminders.md).
    case 'milestone_due':
    case 'activity_checklist_due':
    case 'activity_followup_due':
      return rules.milestoneDueLead;
    case 'report_due':
      return rules.reportDueLead;
    // A case's answer date is a response asked of a unit, like a 督办单's (docs/decisions/case-reminders.md).
    case 'notice_response_due':
    case 'case_answer_due':
      return rules.noticeResponseLead;
  }
}

/** The working days overdue at which each escalation step is due, step 1 first. */
function ladderOf(rules: ReminderRules): readonly [number, number, number, number] {
  return [rules.escalateHandlers, rules.escalateHead, rules.escalateStaff, rules.escalateLeader];
}

export interface LadderDecision {
  /** The step to send now, or null: nothing is due (or it was sent already). */
  send: Step | null;
  /** Lower steps not taken that the step sent leaves behind (the job was not running on their day, or the
   * rules came in after the deadline passed): recorded as skipped, never sent later. */
  skip: Step[];
  /** Working days left (before) or overdue (after), for the message. */
  workingDays: number;
}

/**
 * What is due today for a deadline, given the steps already in the ledger. Nothing is sent on a day that
 * is not a working day. Before the deadline: the reminder once, from `lead` working days before it up to
 * the due date itself. After it: the highest step whose working days overdue are reached, if no step as
 * high or higher was taken; the steps below it that were never taken are skipped, so each step goes out
 * at most once and always after the one below it. A deadline on a holiday or weekend counts from the next
 * working day (遇节假日顺延).
 */
export function decide(
  calendar: WorkingCalendar,
  rules: ReminderRules,
  deadline: { kind: DeadlineKind; dueDate: Day },
  today: Day,
  taken: ReadonlySet<number>,
): LadderDecision {
  const none = (workingDays: number): LadderDecision => ({ send: null, skip: [], workingDays });
  if (!calendar.isWorkingDay(today)) return none(0);
  const due = calendar.addWorkingDays(deadline.dueDate, 0);
  if (today <= due) {
    const left = calendar.workingDaysBetween(today, due);
    const remind = left <= leadDays(rules, deadline.kind) && !taken.has(0);
    return remind ? { send: 0, skip: [], workingDays: left } : none(left);
  }
  const overdue = calendar.workingDaysBetween(due, today);
  const ladder = ladderOf(rules);
  let reached = 0;
  for (let step = 1; step <= 4; step++) if (overdue >= ladder[step - 1]!) reached = step;
  const highestTaken = Math.max(0, ...[...taken].filter((s) => s >= 1));
  if (reached === 0 || reached <= highestTaken) return none(overdue);
  const skip: Step[] = [];
  for (let step = highestTaken + 1; step < reached; step++) skip.push(step as Step);
  return { send: reached as Step, skip, workingDays: overdue };
}
