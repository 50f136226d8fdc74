// The dashboard module's public entry (docs/decisions/module-boundaries.md).
export { dashboardTrend, dashboardTrendSchedule, settleTrend } from './dashboard.trend.ts';
