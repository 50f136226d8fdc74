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
// The 督办通报 (modules/bulletins) is written from the same lists and board a person opens.
export { listVisibleTasks } from './task.service.ts';
export { taskListQuery } from './task.schemas.ts';
export { missingBoard } from './reports/report.board.ts';
export { shanghaiDate } from './rules/dates.ts';
