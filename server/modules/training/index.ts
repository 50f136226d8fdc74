// 干部培训: the module's public entry (routes for app.ts, the reminder job for jobs.ts, the services the
// demo plays its year with).
export { trainingRoutes } from './training.routes.ts';
export { trainingShortfall, trainingShortfallSchedule } from './training.job.ts';
export {
  addCourseById,
  approveNominationById,
  approvePlanById,
  attendanceById,
  closeCourseById,
  createTrainingPlan,
  nominateById,
} from './training.by-id.ts';
