// The 品牌活动 module's public entry (docs/decisions/module-boundaries.md).
export { activityRoutes } from './activity.routes.ts';
export { activitiesRemind, activitiesRemindSchedule } from './activity.reminders.ts';
// The dashboard's 活动成效 block reads the same totals as GET /api/activity-totals.
export { readTotals } from './activity.totals.ts';
export { totalsAnswer } from './activity.schemas.ts';
// The lived-in demo (modules/demo/demo.activities.ts) drives the same services a person does.
export { importBrands } from './brand.service.ts';
export { createEvent, transitionEvent } from './event.service.ts';
export { createOutcome } from './outcome.service.ts';
export { findEvent } from './event.repository.ts';
