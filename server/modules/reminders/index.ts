// The reminders module's public entry (提醒与督办): the rules screen's routes, the job that sends reminders
// and escalations, and the deadline-source interface another module implements to have its deadlines
// watched too (docs/decisions/reminder-deadline-sources.md).
export { reminderRoutes } from './reminder.routes.ts';
export { defineReminderJob } from './reminder.job.ts';
export { TASK_DEADLINE_SOURCES, type DeadlineSource } from './reminder.sources.ts';
export { noticeResponseDue } from './reminder.notices.ts';
export { caseAnswerDue } from './reminder.cases.ts';
export { ACTIVITY_DEADLINE_SOURCES } from './reminder.activities.ts';
