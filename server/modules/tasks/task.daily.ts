// Time passing (每日更新): once a day, for every open task, the report rows of the periods that have
// opened since are created ('due') and the colour is worked out again (a task turns red when its due date
// passes, a report goes missing after the grace days …). Recorded as done by the system, once per run.
import { z } from 'zod';
import { settleMissingReports } from './reports/report.counts.repository.ts';
import { defineJob, defineSchedule } from '../../core/jobs/job.define.ts';
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import { shanghaiDate } from './rules/dates.ts';
import { loadDueCalendar } from './task.calendar.ts';
import { healthSettings, refreshHealth } from './task.health.ts';
import { listOpenTasksAfter } from './task.daily.repository.ts';
import { openReportPeriods } from './task.periods.ts';

// Tasks per transaction: one run over a province's 150,000 tasks never holds a write transaction (on
// SQLite, the only writer) for more than a short moment; requests write between the batches.
const BATCH_SIZE = 200;

interface DailyCounts {
  tasks: number;
  periodsOpened: number;
  coloursChanged: number;
}

/**
 * One pass over the open tasks as of the clock's today. Safe to run again (a retry, a second run the same
 * day): existing report rows are left alone and an unchanged colour writes nothing.
 */
async function passTime(s: Services, ctx: RequestContext, batchSize = BATCH_SIZE) {
  const counts: DailyCounts = { tasks: 0, periodsOpened: 0, coloursChanged: 0 };
  const settings = await healthSettings(s.db.kysely);
  let afterId = 0;
  for (;;) {
    const batch = await s.db.kysely.transaction().execute(async (trx) => {
      // Today is read per batch, so a run that crosses midnight judges the later tasks by the new day.
      const today = shanghaiDate(s.clock.now());
      // One read of the holiday calendar per batch serves its tasks (and sees a correction made meanwhile).
      const calendar = await loadDueCalendar(trx, today);
      const tasks = await listOpenTasksAfter(trx, afterId, batchSize);
      for (const task of tasks) {
        counts.periodsOpened += await openReportPeriods(trx, s, task, today, calendar);
        if (await refreshHealth(trx, s, ctx, task, settings, calendar)) counts.coloursChanged++;
      }
      return tasks;
    });
    counts.tasks += batch.length;
    if (batch.length < batchSize) break;
    afterId = batch[batch.length - 1]!.id;
  }
  // The reports that fell due since the last run join the not-yet-reported board's counters.
  await s.db.kysely.transaction().execute((trx) => settleMissingReports(trx, shanghaiDate(s.clock.now())));
  await s.db.kysely.transaction().execute((trx) =>
    s.audit.record(trx, ctx, {
      action: 'task.health.daily',
      objectType: 'task',
      note: { ...counts, day: shanghaiDate(s.clock.now()) },
    }),
  );
  return counts;
}

export const tasksDaily = defineJob({
  kind: 'tasks.daily',
  payload: z.object({}).strict(),
  // A whole province takes a while; another process must not take the run over while it is alive.
  leaseMs: 30 * 60_000,
  run: async (s, _payload, ctx) => {
    await passTime(s, ctx.system);
  },
});

// 00:30 in Shanghai, after midnight has turned the day, before anyone is at work. One occurrence per
// day, keyed by its date, so two app processes run it once.
export const tasksDailySchedule = defineSchedule({
  job: tasksDaily,
  cron: '30 0 * * *',
  timezone: 'Asia/Shanghai',
  payload: () => ({}),
  key: (occurrence) => `tasks.daily:${shanghaiDate(occurrence)}`,
});
