// The 品牌活动 module's public entry (docs/decisions/module-boundaries.md).
export { activityRoutes } from './activity.routes.ts';
export { activitiesRemind, activitiesRemindSchedule } from './activity.reminders.ts';
// The dashboard's 活动成效 block reads the same totals as GET /api/activity-totals.
export { readTotals } from './activity.totals.ts';
export { totalsAnswer } from './activity.schemas.ts';
