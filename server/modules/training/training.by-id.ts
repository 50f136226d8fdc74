// The training services keyed by id rather than by a loaded record, for callers outside a request (the
// demo workspace plays a year's plan through these); each loads the record and runs the same service.
import type { z } from 'zod';
import type { RequestContext } from '../../core/access/actor.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { closeCourse, recordAttendance } from './training.attendance.service.ts';
import { decideNomination, nominate } from './training.course.service.ts';
import { addCourse, approveTrainingPlan } from './training.plan.service.ts';
import { findCourse, findPlan, findSession } from './training.repository.ts';
import { findNomination } from './training.people.repository.ts';
import type { courseCreateBody } from './training.schemas.ts';

export { createTrainingPlan } from './training.plan.service.ts';

const must = <T>(row: T | undefined): T => {
  if (row === undefined) throw appError('NOT_FOUND');
  return row;
};

export async function addCourseById(
  s: Services,
  ctx: RequestContext,
  planId: number,
  input: z.output<typeof courseCreateBody>,
) {
  return addCourse(s, ctx, must(await findPlan(s.db.kysely, planId)), input);
}

export async function approvePlanById(s: Services, ctx: RequestContext, planId: number) {
  const plan = must(await findPlan(s.db.kysely, planId));
  return approveTrainingPlan(s, ctx, plan, plan.version);
}

export async function nominateById(
  s: Services,
  ctx: RequestContext,
  courseId: number,
  input: { unitId?: number; userId?: number; name?: string; title?: string },
) {
  return nominate(s, ctx, must(await findCourse(s.db.kysely, courseId)), input);
}

export async function approveNominationById(s: Services, ctx: RequestContext, nominationId: number) {
  const n = must(await findNomination(s.db.kysely, nominationId));
  return decideNomination(s, ctx, n, n.version, { approve: true });
}

export async function attendanceById(
  s: Services,
  ctx: RequestContext,
  sessionId: number,
  personIds: number[],
) {
  const session = must(await findSession(s.db.kysely, sessionId));
  return recordAttendance(s, ctx, session, session.version, { personIds, sheetAttachmentIds: [] });
}

export async function closeCourseById(s: Services, ctx: RequestContext, courseId: number) {
  const course = must(await findCourse(s.db.kysely, courseId));
  return closeCourse(s, ctx, course, course.version);
}
