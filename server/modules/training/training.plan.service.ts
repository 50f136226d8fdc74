// 培训计划: staff draft a region's yearly plan and its courses (with sessions); a leader approves it
// (audited), and only then do units see it and nominate. Each write is one transaction with its audit.
import type { z } from 'zod';
import type { RequestContext } from '../../core/access/actor.ts';
import { regionInScope } from '../../core/access/scope.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { checkCourseDates } from './training.course.rules.ts';
import { approvesPlan, managesPlan } from './training.policy.ts';
import {
  approvePlanRow,
  findPlan,
  findPlanByRegionYear,
  insertCourse,
  insertPlan,
  insertSessions,
  listCourses,
  listPlans,
  touchDraftPlan,
  type PlanRow,
} from './training.repository.ts';
import type { courseCreateBody } from './training.schemas.ts';

export const hoursOf = (tenths: number | string | null | undefined) => Number(tenths ?? 0) / 10;
export const tenthsOf = (hours: number) => Math.round(hours * 10);

export async function listTrainingPlans(s: Services, ctx: RequestContext, year: number | undefined) {
  const actor = ctx.actor;
  if (!actor) return { items: [] };
  const scope = actor.scope;
  let rows: Awaited<ReturnType<typeof listPlans>> = [];
  if (scope.kind === 'all') rows = await listPlans(s.db.kysely, { subtree: null, ...(year ? { year } : {}) });
  else if (scope.kind === 'region')
    rows = await listPlans(s.db.kysely, { subtree: scope.regionPath, ...(year ? { year } : {}) });
  else if (scope.kind === 'unit' && actor.regionPath)
    rows = await listPlans(s.db.kysely, { holding: actor.regionPath, ...(year ? { year } : {}) });
  return {
    items: rows.map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      regionName: r.region_name,
      year: r.year,
      title: r.title,
      status: r.status,
      courses: Number(r.courses ?? 0),
      version: r.version,
    })),
  };
}

export async function reread(s: Services, id: number) {
  const row = await findPlan(s.db.kysely, id);
  if (!row) throw appError('TRAINING_PLAN_NOT_FOUND');
  return row;
}

export async function presentPlan(s: Services, ctx: RequestContext, plan: PlanRow) {
  const courses = await listCourses(s.db.kysely, plan.id);
  return {
    id: plan.id,
    regionCode: plan.region_code,
    regionName: plan.region_name,
    year: plan.year,
    title: plan.title,
    status: plan.status,
    approvedAt: plan.approved_at,
    version: plan.version,
    courses: courses.map((c) => ({
      id: c.id,
      planId: c.plan_id,
      title: c.title,
      organiser: c.organiser,
      place: c.place,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      placesPerUnit: c.places_per_unit,
      hours: hoursOf(c.hours_tenths),
      status: c.status,
      version: c.version,
    })),
    canManage: managesPlan(ctx.actor, plan.region_path) && plan.status === 'draft',
    canApprove: approvesPlan(ctx.actor, plan.region_path) && plan.status === 'draft',
  };
}

export async function createTrainingPlan(
  s: Services,
  ctx: RequestContext,
  input: { regionCode?: string | undefined; year: number; title: string },
) {
  const actor = ctx.actor;
  const code = input.regionCode ?? actor?.regionCode ?? null;
  const region = code
    ? await s.db.kysely
        .selectFrom('regions')
        .select(['code', 'path'])
        .where('code', '=', code)
        .executeTakeFirst()
    : undefined;
  if (!actor || !region || !regionInScope(actor.scope, region.path)) throw appError('REGION_NOT_FOUND');
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    if (await findPlanByRegionYear(trx, region.code, input.year)) throw appError('TRAINING_PLAN_EXISTS');
    const stamp = toTimestamp(s.clock.now());
    const newId = await insertPlan(trx, {
      region_code: region.code,
      region_path: region.path,
      year: input.year,
      title: input.title,
      status: 'draft',
      created_by: actor.userId,
      created_at: stamp,
      updated_at: stamp,
    });
    await s.audit.record(trx, ctx, {
      action: 'training_plan.create',
      objectType: 'training_plan',
      objectId: newId,
      after: { regionCode: region.code, year: input.year, title: input.title },
    });
    return newId;
  });
  return presentPlan(s, ctx, await reread(s, id));
}

/** Adds a course with its sessions to a draft plan (the plan's staff). */
export async function addCourse(
  s: Services,
  ctx: RequestContext,
  plan: PlanRow,
  input: z.output<typeof courseCreateBody>,
) {
  if (!managesPlan(ctx.actor, plan.region_path))
    throw appError('FORBIDDEN', '只有本地区统战部工作人员可以编排培训课程');
  checkCourseDates(plan.year, input);
  const courseId = await s.db.kysely.transaction().execute(async (trx) => {
    const stamp = toTimestamp(s.clock.now());
    // The plan's version moves with its courses (an approval read before this is stale).
    if (!(await touchDraftPlan(trx, plan.id, stamp))) throw appError('TRAINING_PLAN_STATE');
    const id = await insertCourse(trx, {
      plan_id: plan.id,
      title: input.title,
      organiser: input.organiser,
      place: input.place,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      places_per_unit: input.placesPerUnit,
      status: 'open',
      created_at: stamp,
      updated_at: stamp,
    });
    await insertSessions(
      trx,
      input.sessions.map((x) => ({
        course_id: id,
        starts_at: x.startsAt,
        hours_tenths: tenthsOf(x.hours),
        topic: x.topic,
      })),
    );
    await s.audit.record(trx, ctx, {
      action: 'training_course.create',
      objectType: 'training_course',
      objectId: id,
      after: { planId: plan.id, title: input.title, sessions: input.sessions.length },
    });
    return id;
  });
  return { id: courseId, plan: await presentPlan(s, ctx, await reread(s, plan.id)) };
}

/** A leader approves a draft plan (If-Match): its courses open for nominations. */
export async function approveTrainingPlan(s: Services, ctx: RequestContext, plan: PlanRow, version: number) {
  const actor = ctx.actor;
  if (!actor || !approvesPlan(actor, plan.region_path))
    throw appError('FORBIDDEN', '培训计划由本地区统战部领导审批');
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findPlan(trx, plan.id);
    if (!row) throw appError('TRAINING_PLAN_NOT_FOUND');
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    if (row.status !== 'draft') throw appError('TRAINING_PLAN_STATE', '培训计划已审批');
    if ((await listCourses(trx, plan.id)).length === 0)
      throw appError('TRAINING_INVALID', '培训计划还没有课程，不能审批');
    const ok = await approvePlanRow(trx, plan.id, version, actor.userId, toTimestamp(s.clock.now()));
    if (!ok) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'training_plan.approve',
      objectType: 'training_plan',
      objectId: plan.id,
    });
  });
  return presentPlan(s, ctx, await reread(s, plan.id));
}
