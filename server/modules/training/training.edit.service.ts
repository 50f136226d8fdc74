// Editing a plan that is not yet approved: its title, year and region, and each course with its sessions
// (the sessions replaced as a whole: a draft plan has no nominations or attendance yet), or a course
// deleted. If-Match on the plan's or the course's version; one transaction each with its audit event.
// After approval the plan is fixed.
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { isUniqueViolation } from '../../db/dialect/errors.ts';
import type { Database } from '../../db/schema.ts';
import { presentCourse } from './training.course.service.ts';
import { checkCourseDates } from './training.course.rules.ts';
import { presentPlan, reread, tenthsOf } from './training.plan.service.ts';
import { managesPlan } from './training.policy.ts';
import {
  countCourseRecords,
  deleteCourseRow,
  deleteSessionsOf,
  findCourse,
  findPlan,
  findPlanByRegionYear,
  findRegion,
  insertSessions,
  listCourses,
  listSessions,
  moveCourseDates,
  moveSession,
  touchDraftPlan,
  updateCourseRow,
  updatePlanRow,
  type CourseRow,
  type PlanRow,
} from './training.repository.ts';
import type { courseUpdateBody, planUpdateBody } from './training.schemas.ts';

const APPROVED = '培训计划已审批，不能再修改；如需调整请联系审批的部领导';

/**
 * A draft plan's title, year or region (If-Match). A new year moves every course and session to the same
 * days of that year; a new region must be one the reader keeps, with no plan of its own for that year.
 * Year and region stay once a course has nominations or attendance (docs/decisions/training-plan-edits.md).
 */
export async function updateTrainingPlan(
  s: Services,
  ctx: RequestContext,
  plan: PlanRow,
  version: number,
  input: z.output<typeof planUpdateBody>,
) {
  if (!managesPlan(ctx.actor, plan.region_path))
    throw appError('FORBIDDEN', '只有本地区统战部工作人员可以修改培训计划');
  const region = input.regionCode === undefined ? undefined : await findRegion(s.db.kysely, input.regionCode);
  if (input.regionCode !== undefined && (!region || !managesPlan(ctx.actor, region.path)))
    throw invalidPlan('所选地区不存在，或不在您管理的地区范围内', 'regionCode');
  try {
    await s.db.kysely.transaction().execute(async (trx) => {
      const row = await findPlan(trx, plan.id);
      if (!row) throw appError('TRAINING_PLAN_NOT_FOUND');
      if (row.status !== 'draft') throw appError('TRAINING_PLAN_STATE', APPROVED);
      if (row.version !== version) throw appError('VERSION_CONFLICT');
      const year = input.year ?? row.year;
      const regionCode = region?.code ?? row.region_code;
      const moves = year !== row.year || regionCode !== row.region_code;
      const courses = moves ? await listCourses(trx, row.id) : [];
      if (
        moves &&
        (await countCourseRecords(
          trx,
          courses.map((c) => c.id),
        )) > 0
      )
        throw appError('TRAINING_PLAN_STATE', '计划中的课程已有报名或出勤记录，不能再修改年度或地区');
      if (moves) {
        const other = await findPlanByRegionYear(trx, regionCode, year);
        if (other && other.id !== row.id)
          throw appError(
            'TRAINING_PLAN_EXISTS',
            `${region?.name ?? row.region_name} ${year} 年已有培训计划，请在原计划中增加课程`,
          );
      }
      const stamp = toTimestamp(s.clock.now());
      if (year !== row.year) await moveCoursesToYear(trx, courses, year, stamp);
      const ok = await updatePlanRow(
        trx,
        row.id,
        version,
        {
          ...(input.title === undefined ? {} : { title: input.title }),
          ...(year === row.year ? {} : { year }),
          ...(region ? { region_code: region.code, region_path: region.path } : {}),
        },
        stamp,
      );
      if (!ok) throw appError('VERSION_CONFLICT');
      await s.audit.record(trx, ctx, {
        action: 'training_plan.update',
        objectType: 'training_plan',
        objectId: row.id,
        before: { title: row.title, year: row.year, regionCode: row.region_code },
        after: { ...input, ...(year === row.year ? {} : { coursesMoved: courses.length }) },
      });
    });
  } catch (error) {
    // Two plans moved onto the same region and year at once: the unique index answers for the second.
    if (isUniqueViolation(error)) throw appError('TRAINING_PLAN_EXISTS');
    throw error;
  }
  return presentPlan(s, ctx, await reread(s, plan.id));
}

const invalidPlan = (message: string, path: string) =>
  appError('TRAINING_INVALID', message, {
    problems: [{ in: 'body', path, code: 'TRAINING_INVALID', message }],
  });

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Every course of the plan and its sessions to the same month and day of `year` (dates lie in one year). */
async function moveCoursesToYear(
  trx: Transaction<Database>,
  courses: Awaited<ReturnType<typeof listCourses>>,
  year: number,
  stamp: string,
): Promise<void> {
  const to = (date: string) => `${year}${date.slice(4)}`;
  for (const c of courses) {
    const sessions = await listSessions(trx, c.id);
    const days = [c.starts_on, c.ends_on, ...sessions.map((x) => x.starts_at)];
    if (!isLeap(year) && days.some((d) => d.slice(5, 10) === '02-29'))
      throw invalidPlan(
        `课程“${c.title}”安排在 2 月 29 日，${year} 年没有这一天，请先修改该课程的日期再改年度`,
        'year',
      );
    await moveCourseDates(trx, c.id, {
      starts_on: to(c.starts_on),
      ends_on: to(c.ends_on),
      updated_at: stamp,
    });
    for (const x of sessions) await moveSession(trx, x.id, to(x.starts_at));
  }
}

/** Deletes a course from a draft plan (If-Match): not once the plan is approved or anyone is nominated. */
export async function deleteTrainingCourse(
  s: Services,
  ctx: RequestContext,
  course: CourseRow,
  version: number,
) {
  if (!managesPlan(ctx.actor, course.region_path))
    throw appError('FORBIDDEN', '只有本地区统战部工作人员可以删除培训课程');
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findCourse(trx, course.id);
    if (!row) throw appError('TRAINING_COURSE_NOT_FOUND');
    // The plan's version moves with its courses (an approval read before this is stale).
    if (!(await touchDraftPlan(trx, row.plan_id, toTimestamp(s.clock.now()))))
      throw appError('TRAINING_PLAN_STATE', '培训计划已审批，课程不能删除；如需调整请联系审批的部领导');
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    if ((await countCourseRecords(trx, [row.id])) > 0)
      throw appError('TRAINING_PLAN_STATE', `课程“${row.title}”已有报名或出勤记录，不能删除`);
    const sessions = await listSessions(trx, row.id);
    if (!(await deleteCourseRow(trx, row.id, version))) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'training_course.delete',
      objectType: 'training_course',
      objectId: row.id,
      before: {
        planId: row.plan_id,
        title: row.title,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
        sessions: sessions.length,
      },
    });
  });
  return presentPlan(s, ctx, await reread(s, course.plan_id));
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
    // The plan's state in this transaction: an approval committed meanwhile is seen here; the plan's
    // version moves with its courses (an approval read before this is stale).
    if (!(await touchDraftPlan(trx, row.plan_id, toTimestamp(s.clock.now()))))
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
