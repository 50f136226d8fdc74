// Who sees and does what in 干部培训. Staff and leaders see the plans of their region subtree; a unit's
// people (handlers) see the approved plans of their own region and the regions above it (the courses
// their unit may nominate for) and only their own unit's nominations. Staff (work.manage) keep plans,
// courses, attendance and close courses; a leader (work.instruct) approves a plan; a unit's handlers, or
// staff for a unit of their subtree, nominate (work.handle).
import type { Actor, RequestContext } from '../../core/access/actor.ts';
import { scopedResource } from '../../core/access/guard.ts';
import { isInSubtree, regionInScope } from '../../core/access/scope.ts';
import type { Services } from '../../core/services.ts';
import {
  findCourse,
  findPlan,
  findSession,
  type CourseRow,
  type PlanRow,
  type SessionWithCourse,
} from './training.repository.ts';
import { findNomination, type NominationRow } from './training.people.repository.ts';

/** Whether the actor sees a plan of this region in this state (the SQL twin is listPlans' filter). */
function seesPlan(actor: Actor | null, regionPath: string, status: 'draft' | 'approved'): boolean {
  if (!actor) return false;
  const scope = actor.scope;
  if (scope.kind === 'unit') {
    return status === 'approved' && !!actor.regionPath && isInSubtree(actor.regionPath, regionPath);
  }
  return regionInScope(scope, regionPath);
}

/** Staff over the plan's region: keep its courses, attendance, nominations' review. */
export function managesPlan(actor: Actor | null, regionPath: string): boolean {
  return !!actor && actor.permissions.has('work.manage') && regionInScope(actor.scope, regionPath);
}

export function approvesPlan(actor: Actor | null, regionPath: string): boolean {
  return !!actor && actor.permissions.has('work.instruct') && regionInScope(actor.scope, regionPath);
}

export const trainingPlanResource = scopedResource<PlanRow, number>({
  type: 'training_plan',
  notFound: 'TRAINING_PLAN_NOT_FOUND',
  find: (s: Services, id) => findPlan(s.db.kysely, id),
  inScope: (_s, ctx: RequestContext, p) => Promise.resolve(seesPlan(ctx.actor, p.region_path, p.status)),
});

export const trainingCourseResource = scopedResource<CourseRow, number>({
  type: 'training_course',
  notFound: 'TRAINING_COURSE_NOT_FOUND',
  find: (s: Services, id) => findCourse(s.db.kysely, id),
  inScope: (_s, ctx, c) => Promise.resolve(seesPlan(ctx.actor, c.region_path, c.plan_status)),
});

// A session's QR code and attendance are the plan's staff's business: others never reach a session.
export const trainingSessionResource = scopedResource<SessionWithCourse, number>({
  type: 'training_session',
  notFound: 'TRAINING_SESSION_NOT_FOUND',
  find: (s: Services, id) => findSession(s.db.kysely, id),
  inScope: (_s, ctx, x) => Promise.resolve(managesPlan(ctx.actor, x.region_path)),
});

export const trainingNominationResource = scopedResource<NominationRow, number>({
  type: 'training_nomination',
  notFound: 'TRAINING_NOMINATION_NOT_FOUND',
  find: (s: Services, id) => findNomination(s.db.kysely, id),
  inScope: (_s, ctx, n) => {
    const scope = ctx.actor?.scope;
    if (!scope) return Promise.resolve(false);
    if (scope.kind === 'unit') return Promise.resolve(n.unit_id === scope.unitId);
    return Promise.resolve(regionInScope(scope, n.region_path));
  },
});
