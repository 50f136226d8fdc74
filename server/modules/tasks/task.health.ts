// A task's colour (红黄绿灯), worked out from its facts by rules/health.ts and remembered: the task row
// holds today's colour and reasons; every change of colour is also written to the colour history and the
// timeline, so May's red stays in May's record after the task recovers.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import type { Services } from '../../core/services.ts';
import { findSetting } from '../../db/settings.repository.ts';
import type { Database, TaskRow } from '../../db/schema.ts';
import { shanghaiDate, type DueCalendar } from './rules/dates.ts';
import { expectedReports } from './rules/expected-reports.ts';
import { healthOf, type HealthResult } from './rules/health.ts';
import { defaultHealthSettings, healthSettingsSchema, type HealthSettings } from './rules/health.settings.ts';
import { loadDueCalendar } from './task.calendar.ts';
import { listMilestones, updateTask } from './task.repository.ts';
import { insertHealthHistory, listHealthHistory } from './task.history.repository.ts';
import { reasonsOf } from './task.present.ts';
import { recordTaskEvent } from './task.timeline.ts';

type Trx = Transaction<Database>;

const HEALTH_SETTINGS_KEY = 'tasks.health';

/** The thresholds in force: the stored setting read through its schema, else the defaults. */
export async function healthSettings(db: Trx | Services['db']['kysely']): Promise<HealthSettings> {
  const row = await findSetting(db, HEALTH_SETTINGS_KEY);
  if (!row) return defaultHealthSettings;
  try {
    const parsed = healthSettingsSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : defaultHealthSettings;
  } catch {
    return defaultHealthSettings;
  }
}

/** The Shanghai calendar day the task was assigned (timestamps are stored at +08:00), or null. */
export function assignedOn(task: Pick<TaskRow, 'assigned_at'>): string | null {
  return task.assigned_at ? task.assigned_at.slice(0, 10) : null;
}

/** The colour of the task today from its stored facts. */
async function judgeTask(
  trx: Trx,
  s: Services,
  task: TaskRow,
  settings?: HealthSettings,
  dueCalendar?: DueCalendar,
): Promise<HealthResult> {
  const rules = settings ?? (await healthSettings(trx));
  const today = shanghaiDate(s.clock.now());
  const calendar = dueCalendar ?? (await loadDueCalendar(trx, today));
  const [milestones, reports] = await Promise.all([
    listMilestones(trx, task.id),
    trx
      .selectFrom('progress_reports')
      .select(['period_key', 'due_date', 'status', 'returned_at'])
      .where('task_id', '=', task.id)
      .execute(),
  ]);
  const periodTask = {
    cycle: task.cycle,
    startDate: task.start_date,
    dueDate: task.due_date,
    reportDay: task.report_day,
    milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.due_date })),
    assignedOn: assignedOn(task),
  };
  const rows = reports.map((r) => ({
    periodKey: r.period_key,
    dueDate: r.due_date,
    status: r.status,
    returnedAt: r.returned_at,
  }));
  return healthOf(
    {
      status: task.status,
      startDate: task.start_date,
      dueDate: task.due_date,
      progress: task.progress,
      milestones: milestones.map((m) => ({
        id: m.id,
        title: m.title,
        dueDate: m.due_date,
        doneDate: m.done_date,
      })),
      reports: expectedReports(periodTask, rows, today, rules, calendar),
      completionRequestedAt: task.status === 'completion_requested' ? task.updated_at : null,
    },
    today,
    rules,
    calendar,
  );
}

/**
 * Works out the task's colour and stores it if it changed: the task row always (its reasons may change
 * within a colour), and on a change of colour the history row and a timeline event. Returns whether the
 * colour changed.
 */
export async function refreshHealth(
  trx: Trx,
  s: Services,
  ctx: RequestContext,
  task: TaskRow,
  settings?: HealthSettings,
  calendar?: DueCalendar,
): Promise<boolean> {
  const result = await judgeTask(trx, s, task, settings, calendar);
  const reasons = JSON.stringify(result.reasons.map(({ code, message }) => ({ code, message })));
  const changed = result.colour !== task.health;
  if (!changed && reasons === task.health_reasons) return false;
  const now = toTimestamp(s.clock.now());
  await updateTask(trx, task.id, {
    health: result.colour,
    health_reasons: reasons,
    ...(changed ? { health_changed_at: now } : {}),
  });
  if (changed) {
    await insertHealthHistory(trx, { task_id: task.id, at: now, health: result.colour, reasons });
    await recordTaskEvent(trx, s, ctx, task.id, 'health_changed', {
      from: task.health,
      to: result.colour,
      reasons: reasonsOf(reasons).map((r) => r.message),
    });
  }
  return changed;
}

/** Every change of a task's colour, oldest first, with its reasons (the colour strip over the year). */
export async function getHealthHistory(s: Services, taskId: number) {
  const rows = await listHealthHistory(s.db.kysely, taskId);
  return rows.map((r) => ({ at: r.at, health: r.health, reasons: reasonsOf(r.reasons) }));
}
