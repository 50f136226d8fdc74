// A course page and its nominations: a unit's handlers (or the plan's staff for a unit of their subtree)
// nominate people within the unit's places; the plan's staff approve or refuse. A person is a Luoshi user
// of the unit or a minimal contact (name, unit, title).
import type { RequestContext } from '../../core/access/actor.ts';
import { isInSubtree, regionInScope } from '../../core/access/scope.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { toUser } from '../../core/notify/recipients.ts';
import type { Services } from '../../core/services.ts';
import { listFor } from '../attachments/index.ts';
import { holdToYear } from './training.hours.repository.ts';
import { hoursOf } from './training.plan.service.ts';
import { managesPlan } from './training.policy.ts';
import { findCourse, listSessions, type CourseRow } from './training.repository.ts';
import {
  decideNominationRow,
  findContactPerson,
  findNomination,
  findNominationOf,
  findPersonByUser,
  findUnit,
  findUserInUnit,
  insertNomination,
  insertPerson,
  listAttendance,
  listNominations,
  placesUsed,
  releasePlace,
  takePlace,
  type NominationRow,
} from './training.people.repository.ts';

function nominatesFor(ctx: RequestContext): number | null {
  const scope = ctx.actor?.scope;
  return scope?.kind === 'unit' ? scope.unitId : null;
}

export async function presentCourse(s: Services, ctx: RequestContext, course: CourseRow) {
  const db = s.db.kysely;
  const ownUnit = nominatesFor(ctx);
  const [sessions, nominations, attendance] = await Promise.all([
    listSessions(db, course.id),
    listNominations(db, course.id, ownUnit),
    listAttendance(db, course.id),
  ]);
  const attendedBy = new Map<number, number[]>();
  for (const a of attendance)
    attendedBy.set(a.person_id, [...(attendedBy.get(a.person_id) ?? []), a.session_id]);
  const open = course.status === 'open' && course.plan_status === 'approved';
  const manages = managesPlan(ctx.actor, course.region_path);
  // The sign-in sheets are the plan's staff's evidence (no one else reaches a session).
  const sheets = manages
    ? await Promise.all(sessions.map((x) => listFor(s, { type: 'training_session', id: x.id })))
    : [];
  return {
    id: course.id,
    planId: course.plan_id,
    planTitle: course.plan_title,
    planStatus: course.plan_status,
    year: course.year,
    title: course.title,
    organiser: course.organiser,
    place: course.place,
    startsOn: course.starts_on,
    endsOn: course.ends_on,
    placesPerUnit: course.places_per_unit,
    hours: hoursOf(sessions.reduce((sum, x) => sum + x.hours_tenths, 0)),
    status: course.status,
    version: course.version,
    sessions: sessions.map((x, i) => ({
      id: x.id,
      startsAt: x.starts_at,
      hours: hoursOf(x.hours_tenths),
      topic: x.topic,
      attended: Number(x.attended ?? 0),
      version: x.version,
      sheets: (sheets[i] ?? []).map((a) => ({ id: a.id, name: a.fileName, size: a.size })),
    })),
    nominations: nominations.map((n) => ({
      id: n.id,
      personId: n.person_id,
      name: n.name,
      title: n.title,
      unitId: n.unit_id,
      unitName: n.unit_name,
      isUser: n.user_id !== null,
      status: n.status,
      reason: n.reason,
      attendedSessionIds: attendedBy.get(n.person_id) ?? [],
      creditedHours: n.credited_tenths === null ? null : hoursOf(n.credited_tenths),
      version: n.version,
    })),
    canManage: manages,
    canNominate: open && !!ctx.actor?.permissions.has('work.handle'),
    placesUsed: ownUnit === null ? null : await placesUsed(db, course.id, ownUnit),
  };
}

async function rereadCourse(s: Services, id: number) {
  const row = await findCourse(s.db.kysely, id);
  if (!row) throw appError('TRAINING_COURSE_NOT_FOUND');
  return row;
}

/** The unit a nomination is for: a handler's own; for staff, a unit of their subtree. Both within the plan's region. */
async function nominatingUnit(
  s: Services,
  ctx: RequestContext,
  course: CourseRow,
  unitId: number | undefined,
) {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const own = nominatesFor(ctx);
  // Staff nominate for a unit of their subtree, their own unit unless they name one.
  const id = own ?? unitId ?? actor.unitId;
  if (id === null) throw appError('TRAINING_INVALID', '请选择报名的单位');
  if (own !== null && unitId !== undefined && unitId !== own) throw appError('FORBIDDEN', '只能为本单位报名');
  const unit = await findUnit(s.db.kysely, id);
  if (!unit) throw appError('UNIT_NOT_FOUND');
  if (own === null && !regionInScope(actor.scope, unit.region_path)) throw appError('UNIT_NOT_FOUND');
  if (!isInSubtree(unit.region_path, course.region_path))
    throw appError('TRAINING_INVALID', `${unit.name}不在本培训计划的地区范围内`);
  return unit;
}

export async function nominate(
  s: Services,
  ctx: RequestContext,
  course: CourseRow,
  input: {
    unitId?: number | undefined;
    userId?: number | undefined;
    username?: string | undefined;
    name?: string | undefined;
    title?: string | undefined;
  },
) {
  if (course.plan_status !== 'approved')
    throw appError('TRAINING_PLAN_STATE', '培训计划尚未审批，暂不能报名');
  if (course.status !== 'open') throw appError('TRAINING_COURSE_CLOSED');
  const unit = await nominatingUnit(s, ctx, course, input.unitId);
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    const stamp = toTimestamp(s.clock.now());
    let personId: number;
    if (input.userId !== undefined || input.username !== undefined) {
      const user = await findUserInUnit(trx, input.userId ?? input.username!);
      if (user?.unit_id !== unit.id || user.status !== 'active')
        throw appError('TRAINING_INVALID', `所选用户不是${unit.name}在用的账户`);
      const person = await findPersonByUser(trx, user.id);
      personId =
        person?.id ??
        (await insertPerson(trx, {
          unit_id: unit.id,
          user_id: user.id,
          name: user.display_name,
          title: null,
          created_at: stamp,
        }));
    } else {
      const name = input.name!;
      const person = await findContactPerson(trx, unit.id, name);
      personId =
        person?.id ??
        (await insertPerson(trx, {
          unit_id: unit.id,
          user_id: null,
          name,
          title: input.title ?? null,
          created_at: stamp,
        }));
    }
    if (await findNominationOf(trx, course.id, personId)) throw appError('TRAINING_NOMINATION_DUPLICATE');
    if (!(await takePlace(trx, course.id, unit.id, course.places_per_unit)))
      throw appError(
        'TRAINING_QUOTA_FULL',
        `${unit.name}在“${course.title}”的名额（${course.places_per_unit} 人）已用完，不能再报名；如需调整请联系主办方`,
        { places: course.places_per_unit },
      );
    const newId = await insertNomination(trx, {
      course_id: course.id,
      unit_id: unit.id,
      person_id: personId,
      status: 'pending',
      nominated_by: ctx.actor?.userId ?? null,
      created_at: stamp,
      updated_at: stamp,
    });
    await s.audit.record(trx, ctx, {
      action: 'training_nomination.create',
      objectType: 'training_nomination',
      objectId: newId,
      after: { courseId: course.id, unitId: unit.id, personId },
    });
    return newId;
  });
  return { id, course: await presentCourse(s, ctx, await rereadCourse(s, course.id)) };
}

/** The plan's staff approve or refuse a pending nomination (If-Match); a refusal gives the place back. */
export async function decideNomination(
  s: Services,
  ctx: RequestContext,
  nomination: NominationRow,
  version: number,
  input: { approve: boolean; reason?: string | undefined },
) {
  const actor = ctx.actor;
  if (!actor || !managesPlan(actor, nomination.region_path))
    throw appError('FORBIDDEN', '报名由培训计划所属地区的统战部工作人员审核');
  const course = await rereadCourse(s, nomination.course_id);
  if (course.status !== 'open') throw appError('TRAINING_COURSE_CLOSED');
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findNomination(trx, nomination.id);
    if (!row) throw appError('TRAINING_NOMINATION_NOT_FOUND');
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    if (row.status !== 'pending') throw appError('TRAINING_NOMINATION_STATE');
    const status = input.approve ? 'approved' : 'refused';
    const ok = await decideNominationRow(trx, row.id, version, {
      status,
      reason: input.reason ?? null,
      decided_by: actor.userId,
      decided_at: toTimestamp(s.clock.now()),
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    const person = await trx
      .selectFrom('training_people')
      .select(['user_id', 'unit_id'])
      .where('id', '=', row.person_id)
      .executeTakeFirstOrThrow();
    if (!input.approve) await releasePlace(trx, row.course_id, row.unit_id);
    // Approved: held to the year's requirement from now on (a row of hours kept on write).
    else await holdToYear(trx, { year: course.year, person_id: row.person_id, unit_id: person.unit_id });
    await s.audit.record(trx, ctx, {
      action: 'training_nomination.decide',
      objectType: 'training_nomination',
      objectId: row.id,
      after: { status, reason: input.reason ?? null },
    });
    const who = [person.user_id, row.nominated_by].filter((x): x is number => x !== null);
    await s.notify(trx, {
      recipients: [...new Set(who)].map(toUser),
      kind: 'training.nomination_decided',
      title: input.approve
        ? `“${course.title}”的报名已审核通过`
        : `“${course.title}”的报名未通过：${input.reason ?? ''}`,
      object: { type: 'training_course', id: course.id },
      except: [actor.userId],
    });
  });
  return presentCourse(s, ctx, await rereadCourse(s, course.id));
}
