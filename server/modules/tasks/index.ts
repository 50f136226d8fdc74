// The tasks module's public entry: what other modules may use (docs/decisions/module-boundaries.md).
export { taskFigures } from './task.figures.ts';
// The demo workspace (modules/demo) drives the same services a person does, through these.
export { insertNewTask } from './task.service.ts';
export { findTaskById } from './task.repository.ts';
export { moveTask, requestAdjustment, decideAdjustment } from './task.lifecycle.ts';
export { taskCreateBody } from './task.schemas.ts';
export { tasksDaily } from './task.daily.ts';
export { listReports, submitReport } from './reports/report.service.ts';
export { acceptReport, returnReport } from './reports/report.review.ts';
export { remindMissing } from './reports/report.board.ts';
export { reportContentBody } from './reports/report.schemas.ts';
export { getTaskDetail } from './task.detail.ts';
// Supervision notices (modules/notices) hang on a task: who manages it, who acts for its lead unit, its
// record guard and its timeline.
export { actsForLeadUnit, canManageTask, taskResource } from './task.policy.ts';
export type { TaskWithNames } from './task.repository.ts';
export { recordTaskEvent } from './task.timeline.ts';
// The reminders module records its reminders and escalations on the task's timeline (recordTaskEvent
// above) and names report periods.
export { periodLabel } from './rules/periods.ts';
// The leader's dashboard (modules/dashboard): the red list is the task list's own page and counts.
export { listVisibleTasks } from './task.service.ts';
export { missingTotals } from './reports/report.totals.ts';
// Leaders' instructions and the watch-list (modules/instructions) hang on tasks and reports through these.
export { reportResource } from './reports/report.policy.ts';
export type { TaskEventKind } from './task.timeline.ts';
export {
  taskTargetFacts,
  reportTargetFacts,
  visibleTaskSummaries,
  tasksInScope,
  taskEventsFeed,
  type TaskTargetFacts,
} from './task.targets.ts';
// The 督办通报 (modules/bulletins) is written from the same lists and board a person opens.
export { taskListQuery } from './task.schemas.ts';
export { missingUnits } from './reports/report.board.ts';
export { shanghaiDate } from './rules/dates.ts';
// Cases (modules/cases) turned into tasks show the task's status and accepted reports on the case page,
// and tell the proposer when the task is completed.
export { TASK_STATUS_LABELS } from './task.schemas.ts';
export { onTaskCompleted } from './task.listeners.ts';
// The cases' statistics workbook and 联系人's own-data export (modules/contacts) use the same table layout,
// workbook defaults and formula-safe cells.
export { addTable, newBook, safeCell } from './excel/excel.write.ts';
