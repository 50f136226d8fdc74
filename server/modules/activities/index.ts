// The 品牌活动 module's public entry (docs/decisions/module-boundaries.md).
export { activityRoutes } from './activity.routes.ts';
// Preparation items and project follow-up dates, watched by the shared reminder ladder (modules/reminders).
export {
  checklistDeadlines,
  followUpDeadlines,
  recordActivityReminder,
  type ActivityDeadline,
} from './deadline.service.ts';
// The dashboard's 活动成效 block reads the same totals as GET /api/activity-totals.
export { readTotals } from './activity.totals.ts';
export { totalsAnswer } from './activity.schemas.ts';
// The lived-in demo (modules/demo/demo.activities.ts) drives the same services a person does.
export { importBrands } from './brand.service.ts';
export { createEvent } from './event.service.ts';
export { transitionEvent } from './event.lifecycle.ts';
export { createOutcome } from './outcome.service.ts';
export { findEvent } from './event.repository.ts';
