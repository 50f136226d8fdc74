import { Cron } from 'croner';
import type { Db } from '../../db/connect.ts';
import { toTimestamp, type Clock } from '../clock.ts';
import type { ScheduleDefinition } from './job.define.ts';
import { enqueueJob } from './job.enqueue.ts';

// The occurrences a schedule needs in the queue at `now`: the latest one at or before now (so a daily job
// missed while no server ran still runs once, late, when one starts) and the next one after now. Each is
// enqueued under its own dedupe key, so every process of the app may do this and each occurrence still
// exists once.
function occurrencesAround(schedule: ScheduleDefinition, now: Date): Date[] {
  const cron = new Cron(schedule.cron, { timezone: schedule.timezone, paused: true });
  // previousRuns excludes its reference instant; one millisecond later includes an occurrence at `now`.
  const latest = cron.previousRuns(1, new Date(now.getTime() + 1))[0];
  const next = cron.nextRun(now);
  return [latest, next].filter((d): d is Date => d instanceof Date);
}

function occurrenceKey(schedule: ScheduleDefinition, occurrence: Date): string {
  return schedule.key ? schedule.key(occurrence) : `${schedule.job.kind}:${toTimestamp(occurrence)}`;
}

/**
 * Keeps each schedule's current and next occurrence in the queue. Remembers, per schedule, the
 * occurrences it already enqueued, so the steady state writes nothing until the next one comes round.
 */
export class Scheduler {
  private readonly ensured = new Map<ScheduleDefinition, string>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly schedules: readonly ScheduleDefinition[],
  ) {
    for (const schedule of schedules) new Cron(schedule.cron, { timezone: schedule.timezone, paused: true });
  }

  async ensureOccurrences(): Promise<number> {
    let created = 0;
    const now = this.clock.now();
    for (const schedule of this.schedules) {
      const occurrences = occurrencesAround(schedule, now);
      const mark = occurrences.map((o) => o.getTime()).join(',');
      if (this.ensured.get(schedule) === mark) continue;
      await this.db.kysely.transaction().execute(async (trx) => {
        for (const occurrence of occurrences) {
          const { created: isNew } = await enqueueJob(
            trx,
            {
              kind: schedule.job,
              key: occurrenceKey(schedule, occurrence),
              payload: schedule.payload(occurrence),
              runAt: occurrence,
            },
            this.clock,
          );
          if (isNew) created++;
        }
      });
      this.ensured.set(schedule, mark);
    }
    return created;
  }
}
