import type { JobDefinition, ScheduleDefinition } from './core/jobs/job.define.ts';
import { pruneJobs, pruneJobsDaily } from './core/jobs/jobs.prune.ts';
import { channelsDigest, channelsDigestSchedule, channelsSend } from './modules/channels/index.ts';
import { dashboardTrend, dashboardTrendSchedule } from './modules/dashboard/index.ts';
import { tasksDaily, tasksDailySchedule } from './modules/tasks/task.daily.ts';

// Every background job of the app and every recurring schedule, listed by hand like the routes in
// app.ts: a module adds its defineJob() here (and its defineSchedule() when it recurs). The server's job
// runner (main.ts serve) handles exactly these kinds.
export const JOB_HANDLERS: readonly JobDefinition[] = [
  pruneJobs,
  tasksDaily,
  channelsSend,
  channelsDigest,
  dashboardTrend,
];

export const JOB_SCHEDULES: readonly ScheduleDefinition[] = [
  pruneJobsDaily,
  tasksDailySchedule,
  channelsDigestSchedule,
  dashboardTrendSchedule,
];
