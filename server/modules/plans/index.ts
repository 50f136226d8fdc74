// The plans module's public entry: the only file another module may import from plans
// (docs/decisions/module-boundaries.md; `npm run lint` checks it). Its testing/ fixtures are open to
// other modules' tests.
export { planNextSteps } from './plan.next-steps.ts';
// The plan item as a record keyed by :id (visible when its plan is), for the tasks module's plan-item routes.
export { planItemResource } from './plan.suggestions.ts';
export { seedDemoPlanCopy } from './plan.demo.ts';
