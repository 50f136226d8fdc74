// The notices module's public entry (docs/decisions/module-boundaries.md): what the dashboard, the
// reminders and the task page may use.
import type { Services } from '../../core/services.ts';
import { todayOf } from './notice.dates.ts';
import { countOpenNotices, findNoticeById, listAwaitingResponse } from './notice.repository.ts';

export { noticeRoutes } from './notice.routes.ts';
// The lived-in demo (modules/demo) issues and moves notices through the same services as the routes.
export { issueNotice } from './notice.service.ts';
export { moveNotice } from './notice.steps.ts';
export function findNotice(s: Services, id: number) {
  return findNoticeById(s.db.kysely, id);
}
// The daily settling of notices' colours (registered in server/jobs.ts).
export { noticesColours, noticesColoursSchedule, settleNoticeColours } from './notice.colour.ts';
// For a task's page or the dashboard: the notices on one task that this person may see.
export { listTaskNotices } from './notice.service.ts';
// Leaders' instructions (modules/instructions) hang on a notice through these: the notice as a scoped
// record, who takes which step, and its own timeline (the reminders write there too).
export { mayTakeStep, noticeResource } from './notice.policy.ts';
export { recordNoticeEvent } from './notice.service.ts';
export type { NoticeEventKind } from './notice.present.ts';
export type { NoticeWithNames } from './notice.repository.ts';
// The watch-list (关注): the followed notices a reader still sees, and their latest events.
export { noticeEventsFeed, visibleNoticeSummaries } from './notice.watch.ts';

/** For the dashboard: open notices of a region subtree, and how many of them are past their running deadline. */
export function countNoticesInSubtree(s: Services, regionPath: string) {
  return countOpenNotices(s.db.kysely, regionPath, todayOf(s));
}

/**
 * For the reminders: notices still waiting for the lead unit's response (待签收 or 待反馈) whose response
 * date is on or before `through` (a date, YYYY-MM-DD): id, task, level, status, response date, lead unit,
 * regions. Ordered by response date.
 */
export function listNoticesAwaitingResponse(s: Services, through: string) {
  return listAwaitingResponse(s.db.kysely, through);
}
