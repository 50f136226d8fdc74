// The reminder job (到点提醒、逾期督办): every quarter of an hour, and once when a server starts, it reads
// the open deadlines near today from every deadline source, decides for each what the ladder asks for
// today (reminder.ladder.ts) and sends it: inbox messages (which go out on each recipient's channels too),
// a line on the record's timeline, an audit event, all in one transaction with the step's ledger row. The
// ledger's key decides who sends when several processes run the job at once: none is sent twice.
import { z } from 'zod';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { defineJob, defineSchedule } from '../../core/jobs/job.define.ts';
import type { Recipient } from '../../core/notify/recipients.ts';
import { regionStaff, toUser, unitHandlers } from '../../core/notify/recipients.ts';
import type { Services } from '../../core/services.ts';
import { loadWorkingDays } from '../calendar/index.ts';
import { decide, leadDays, STEP_LABELS, type Step, type WorkingCalendar } from './reminder.ladder.ts';
import {
  claimStep,
  findUnitForEscalation,
  keyOf,
  listTakenSteps,
  setRecipientCount,
} from './reminder.repository.ts';
import { loadReminderRules, type ReminderRules } from './reminder.settings.ts';
import type { DeadlineRow, DeadlineSource } from './reminder.sources.ts';

const DAY_MS = 86_400_000;

const shanghaiToday = (now: Date) => toTimestamp(now).slice(0, 10);
const addCalendarDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const zh = (day: string) =>
  `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

export interface ReminderRunCounts {
  deadlines: number;
  sent: number;
  skipped: number;
}

/**
 * How far back the job looks for overdue deadlines: far enough for the last step (its working days, as
 * calendar days with weekends, plus a month for the long holidays). A deadline missed longer ago than that
 * without having been escalated (one from before reminders were switched on) is left to the red list.
 */
function lookbackDays(rules: ReminderRules): number {
  return Math.ceil((rules.escalateLeader * 7) / 5) + 30;
}

function recipientsOf(row: DeadlineRow, step: Step, headUserId: number | null): Recipient[] {
  const regionCode = row.regionPath.split('/').pop()!;
  switch (step) {
    case 0:
    case 1:
      return [unitHandlers(row.leadUnitId)];
    case 2:
      return headUserId === null ? [] : [toUser(headUserId)];
    case 3:
      return [regionStaff(regionCode)];
    case 4:
      return [{ regionCode, roles: ['leader'] }];
  }
}

function wording(row: DeadlineRow, step: Step, workingDays: number, unitName: string, label: string) {
  const due = zh(row.dueDate);
  const title =
    step === 0
      ? workingDays === 0
        ? `提醒：${row.title}今天（${due}）到期，请按时办理`
        : `提醒：${row.title}将于${due}到期（还有 ${workingDays} 个工作日），请按时办理`
      : step === 1
        ? `逾期：${row.title}已超过期限（${due}）${workingDays} 个工作日，请尽快办理`
        : `逾期督办：${unitName}的${row.title}已逾期 ${workingDays} 个工作日，${
            step === 2 ? '请您督促办理' : step === 3 ? '请督办' : '报请领导关注'
          }`;
  const body = `${label}：${due}；牵头单位：${unitName}；${STEP_LABELS[step]}${step > 0 ? `（逾期督办第 ${step} 步，共 4 步）` : ''}。`;
  return { title, body };
}

async function sendStep(
  s: Services,
  ctx: RequestContext,
  source: DeadlineSource,
  row: DeadlineRow,
  decision: { send: Step; skip: Step[]; workingDays: number },
): Promise<boolean> {
  return s.db.kysely.transaction().execute(async (trx) => {
    const sentAt = toTimestamp(s.clock.now());
    const key = {
      objectType: row.objectType,
      objectId: row.objectId,
      deadlineKind: row.kind,
      dueDate: row.dueDate,
    };
    for (const step of decision.skip)
      await claimStep(trx, { ...key, step, outcome: 'skipped', recipients: 0, sentAt });
    const step = decision.send;
    if (!(await claimStep(trx, { ...key, step, outcome: 'sent', recipients: 0, sentAt }))) return false;
    const unit = await findUnitForEscalation(trx, row.leadUnitId);
    const { title, body } = wording(row, step, decision.workingDays, unit?.name ?? '牵头单位', source.label);
    const delivery = await s.notify(trx, {
      recipients: recipientsOf(row, step, unit?.head_user_id ?? null),
      kind: step === 0 ? 'reminder.due' : 'escalation.step',
      title,
      body,
      object: { ...row.messageObject, link: row.link },
    });
    const recipients = delivery.recipientIds.length;
    await setRecipientCount(trx, { ...key, step }, recipients);
    const sent = { step, stepLabel: STEP_LABELS[step], workingDays: decision.workingDays, recipients };
    await source.record(trx, s, ctx, row, sent);
    await s.audit.record(trx, ctx, {
      action: step === 0 ? 'reminder.send' : 'escalation.send',
      objectType: row.objectType,
      objectId: row.objectId,
      note: {
        deadline: row.kind,
        dueDate: row.dueDate,
        step,
        skipped: decision.skip,
        workingDays: decision.workingDays,
        recipients,
        // Step 2 with nobody told: the unit names no head (负责人); steps 3 and 4 still follow.
        ...(step === 2 && unit?.head_user_id == null ? { reason: 'unit has no head' } : {}),
      },
    });
    return true;
  });
}

/** One pass over every source's deadlines as of the clock's today. Safe to run at any time, in any number
 * of processes at once: the ledger lets each step through once. */
export async function runReminders(
  s: Services,
  ctx: RequestContext,
  sources: readonly DeadlineSource[],
): Promise<ReminderRunCounts> {
  const counts: ReminderRunCounts = { deadlines: 0, sent: 0, skipped: 0 };
  const today = shanghaiToday(s.clock.now());
  const year = Number(today.slice(0, 4));
  const calendar: WorkingCalendar = await loadWorkingDays(s.db.kysely, year - 1, year + 1);
  // Reminders and escalations go out on working days only (nobody is at their desk to act on a holiday).
  if (!calendar.isWorkingDay(today)) return counts;
  const rules = await loadReminderRules(s.db.kysely);
  for (const source of sources) {
    const window = {
      from: addCalendarDays(today, -lookbackDays(rules)),
      // A deadline `lead` working days ahead, and those on the weekend or holiday just after it.
      to: addCalendarDays(calendar.addWorkingDays(today, leadDays(rules, source.kind) + 1), -1),
    };
    const rows = await source.list(s, window);
    const keys = rows.map((r) => ({
      objectType: r.objectType,
      objectId: r.objectId,
      deadlineKind: r.kind,
      dueDate: r.dueDate,
    }));
    const taken = await listTakenSteps(s.db.kysely, keys);
    for (const [i, row] of rows.entries()) {
      counts.deadlines++;
      const decision = decide(calendar, rules, row, today, taken.get(keyOf(keys[i]!)) ?? new Set());
      if (decision.send === null) continue;
      if (await sendStep(s, ctx, source, row, { ...decision, send: decision.send })) {
        counts.sent++;
        counts.skipped += decision.skip.length;
      }
    }
  }
  return counts;
}

/** The job over the given sources (server/jobs.ts passes the tasks' and any other module's). */
export function defineReminderJob(sources: readonly DeadlineSource[]) {
  const job = defineJob({
    kind: 'reminders.run',
    payload: z.object({}).strict(),
    run: async (s, _payload, ctx) => {
      await runReminders(s, ctx.system, sources);
    },
  });
  // Every quarter of an hour (the scheduler also enqueues the latest occurrence when a server starts, so a
  // start runs it at once); one occurrence per quarter, keyed by its time, whatever number of processes.
  const schedule = defineSchedule({
    job,
    cron: '*/15 * * * *',
    timezone: 'Asia/Shanghai',
    payload: () => ({}),
  });
  return { job, schedule };
}
