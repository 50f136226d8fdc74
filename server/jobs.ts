import type { JobDefinition, ScheduleDefinition } from './core/jobs/job.define.ts';
import { pruneJobs, pruneJobsDaily } from './core/jobs/jobs.prune.ts';
import { channelsDigest, channelsDigestSchedule, channelsSend } from './modules/channels/index.ts';
import {
  defineReminderJob,
  noticeResponseDue,
  caseAnswerDue,
  TASK_DEADLINE_SOURCES,
  ACTIVITY_DEADLINE_SOURCES,
  type DeadlineSource,
} from './modules/reminders/index.ts';
import { dashboardTrend, dashboardTrendSchedule } from './modules/dashboard/index.ts';
import { noticesColours, noticesColoursSchedule } from './modules/notices/index.ts';
import { tasksDaily, tasksDailySchedule } from './modules/tasks/task.daily.ts';
import { trainingShortfall, trainingShortfallSchedule } from './modules/training/index.ts';

// The deadlines the reminder job watches (提醒与逾期督办): a module with deadlines of its own (督办单's
// response due date) exports its DeadlineSource list and is added here.
const DEADLINE_SOURCES: readonly DeadlineSource[] = [
  ...TASK_DEADLINE_SOURCES,
  noticeResponseDue,
  caseAnswerDue,
  ...ACTIVITY_DEADLINE_SOURCES,
];
const reminders = defineReminderJob(DEADLINE_SOURCES);

// Every background job of the app and every recurring schedule, listed by hand like the routes in
// app.ts: a module adds its defineJob() here (and its defineSchedule() when it recurs). The server's job
// runner (`luoshi serve`, server/cli/serve.ts) handles exactly these kinds.
export const JOB_HANDLERS: readonly JobDefinition[] = [
  pruneJobs,
  tasksDaily,
  channelsSend,
  channelsDigest,
  reminders.job,
  dashboardTrend,
  noticesColours,
  trainingShortfall,
];

export const JOB_SCHEDULES: readonly ScheduleDefinition[] = [
  pruneJobsDaily,
  tasksDailySchedule,
  channelsDigestSchedule,
  reminders.schedule,
  dashboardTrendSchedule,
  noticesColoursSchedule,
  trainingShortfallSchedule,
];
