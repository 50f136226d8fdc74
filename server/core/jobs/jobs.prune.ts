import { z } from 'zod';
import { DAY, toTimestamp } from '../clock.ts';
import { defineJob, defineSchedule } from './job.define.ts';
import { deleteFinishedJobsBefore } from './jobs.repository.ts';

// Finished jobs (done) are kept 90 days for the list, then removed; dead jobs stay until someone looks.
// 90 days is far longer than any schedule's period, so a removed occurrence key is never enqueued again
// (a schedule only enqueues its latest and next occurrence).
const KEEP_DONE_JOBS_DAYS = 90;

export const pruneJobs = defineJob({
  kind: 'jobs.prune',
  payload: z.object({}).strict(),
  run: async (s) => {
    const before = toTimestamp(new Date(s.clock.now().getTime() - KEEP_DONE_JOBS_DAYS * DAY));
    await deleteFinishedJobsBefore(s.db.kysely, before);
  },
});

export const pruneJobsDaily = defineSchedule({
  job: pruneJobs,
  cron: '30 3 * * *',
  timezone: 'Asia/Shanghai',
  payload: () => ({}),
});
