// Editing a plan that is not yet approved: its title, and each course with its sessions (the sessions
// replaced as a whole: a draft plan has no nominations or attendance yet). If-Match on the plan's or the
// course's version; one transaction each with its audit event. After approval the plan is fixed.
import type { z } from 'zod';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { presentCourse } from './training.course.service.ts';
import { checkCourseDates } from './training.course.rules.ts';
import { presentPlan, reread, tenthsOf } from './training.plan.service.ts';
import { managesPlan } from './training.policy.ts';
import {
  deleteSessionsOf,
  findCourse,
  findPlan,
  insertSessions,
  listSessions,
  updateCourseRow,
  updatePlanTitle,
  type CourseRow,
  type PlanRow,
} from './training.repository.ts';
import type { courseUpdateBody } from './training.schemas.ts';

const APPROVED = '培训计划已审批，不能再修改；如需调整请联系审批的部领导';

export async function updateTrainingPlan(
  s: Services,
  ctx: RequestContext,
  plan: PlanRow,
  version: number,
  input: { title: string },
) {
  if (!managesPlan(ctx.actor, plan.region_path))
    throw appError('FORBIDDEN', '只有本地区统战部工作人员可以修改培训计划');
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findPlan(trx, plan.id);
    if (!row) throw appError('TRAINING_PLAN_NOT_FOUND');
    if (row.status !== 'draft') throw appError('TRAINING_PLAN_STATE', APPROVED);
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    const stamp = toTimestamp(s.clock.now());
    if (!(await updatePlanTitle(trx, row.id, version, input.title, stamp)))
      throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'training_plan.update',
      objectType: 'training_plan',
      objectId: row.id,
      before: { title: row.title },
      after: input,
    });
  });
  return presentPlan(s, ctx, await reread(s, plan.id));
}

export async function updateTrainingCourse(
  s: Services,
  ctx: RequestContext,
  course: CourseRow,
  version: number,
  input: z.output<typeof courseUpdateBody>,
) {
  if (!managesPlan(ctx.actor, course.region_path))
    throw appError('FORBIDDEN', '只有本地区统战部工作人员可以修改培训课程');
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findCourse(trx, course.id);
    if (!row) throw appError('TRAINING_COURSE_NOT_FOUND');
    // The plan's state read in this transaction: an approval committed meanwhile is seen here.
    if ((await findPlan(trx, row.plan_id))?.status !== 'draft')
      throw appError('TRAINING_PLAN_STATE', APPROVED);
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    const sessions =
      input.sessions ??
      (await listSessions(trx, row.id)).map((x) => ({ startsAt: x.starts_at, hours: x.hours_tenths / 10 }));
    checkCourseDates(row.year, {
      startsOn: input.startsOn ?? row.starts_on,
      endsOn: input.endsOn ?? row.ends_on,
      sessions,
    });
    const stamp = toTimestamp(s.clock.now());
    const ok = await updateCourseRow(trx, row.id, version, {
      ...(input.title === undefined ? {} : { title: input.title }),
      ...(input.organiser === undefined ? {} : { organiser: input.organiser }),
      ...(input.place === undefined ? {} : { place: input.place }),
      ...(input.startsOn === undefined ? {} : { starts_on: input.startsOn }),
      ...(input.endsOn === undefined ? {} : { ends_on: input.endsOn }),
      ...(input.placesPerUnit === undefined ? {} : { places_per_unit: input.placesPerUnit }),
      updated_at: stamp,
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    if (input.sessions) {
      await deleteSessionsOf(trx, row.id);
      await insertSessions(
        trx,
        input.sessions.map((x) => ({
          course_id: row.id,
          starts_at: x.startsAt,
          hours_tenths: tenthsOf(x.hours),
          topic: x.topic,
        })),
      );
    }
    await s.audit.record(trx, ctx, {
      action: 'training_course.update',
      objectType: 'training_course',
      objectId: row.id,
      before: { title: row.title, startsOn: row.starts_on, endsOn: row.ends_on },
      after: { ...input, sessions: input.sessions?.length },
    });
  });
  return presentCourse(s, ctx, (await findCourse(s.db.kysely, course.id))!);
}
