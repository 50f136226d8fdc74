// Attendance per session and the close of a course: the room's QR code and the participant's scan, the
// staff's ticks from a sign-in sheet (the sheet kept as evidence), and at close the credits (学时) of each
// approved participant: the hours of the sessions they attended.
import type { z } from 'zod';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { toUser } from '../../core/notify/recipients.ts';
import type { Services } from '../../core/services.ts';
import { attachTo } from '../attachments/index.ts';
import { presentCourse } from './training.course.service.ts';
import { hoursOf } from './training.plan.service.ts';
import { managesPlan } from './training.policy.ts';
import { checkQrToken, issueQrToken, QR_REFRESH_SECONDS, scanPath } from './training.qr.ts';
import {
  bumpSession,
  closeCourseRow,
  countAttendance,
  findCourse,
  findSession,
  type CourseRow,
  type SessionWithCourse,
} from './training.repository.ts';
import {
  attendedHours,
  findNominationOf,
  findPersonByUser,
  insertAttendance,
  insertCredits,
  listNominations,
} from './training.people.repository.ts';
import { addHours } from './training.hours.repository.ts';
import type { attendanceBody } from './training.schemas.ts';

function requireOpen(x: { course_status: 'open' | 'closed'; plan_status: 'draft' | 'approved' }) {
  if (x.plan_status !== 'approved') throw appError('TRAINING_PLAN_STATE', '培训计划尚未审批');
  if (x.course_status !== 'open') throw appError('TRAINING_COURSE_CLOSED');
}

/** The current code for the room's display (the plan's staff). */
export async function sessionQr(s: Services, session: SessionWithCourse) {
  requireOpen(session);
  const { token, expiresAt } = issueQrToken(s.signer, session.id, s.clock.now());
  return {
    sessionId: session.id,
    token,
    path: scanPath(session.id, token),
    expiresAt: toTimestamp(expiresAt),
    refreshInSeconds: QR_REFRESH_SECONDS,
    attended: await countAttendance(s.db.kysely, session.id),
  };
}

/**
 * A participant's scan: records the signed-in person at that session if the code is current and theirs
 * to use (an approved nominee of the course). A second scan records nothing again.
 */
export async function checkIn(s: Services, ctx: RequestContext, input: { sessionId: number; token: string }) {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const now = s.clock.now();
  const check = checkQrToken(s.signer, input.sessionId, input.token, now);
  if (!check.ok) throw appError(check.reason === 'expired' ? 'TRAINING_QR_EXPIRED' : 'TRAINING_QR_INVALID');
  const session = await findSession(s.db.kysely, input.sessionId);
  if (!session) throw appError('TRAINING_QR_INVALID');
  requireOpen(session);
  return s.db.kysely.transaction().execute(async (trx) => {
    const person = await findPersonByUser(trx, actor.userId);
    const nomination = person ? await findNominationOf(trx, session.course_id, person.id) : undefined;
    if (!person || nomination?.status !== 'approved') throw appError('TRAINING_NOT_NOMINATED');
    const stamp = toTimestamp(now);
    const recorded = await insertAttendance(trx, {
      session_id: session.id,
      person_id: person.id,
      course_id: session.course_id,
      method: 'qr',
      recorded_by: actor.userId,
      recorded_at: stamp,
    });
    if (recorded)
      await s.audit.record(trx, ctx, {
        action: 'training_attendance.check_in',
        objectType: 'training_session',
        objectId: session.id,
        after: { personId: person.id },
      });
    const at = recorded
      ? stamp
      : ((
          await trx
            .selectFrom('training_attendance')
            .select('recorded_at')
            .where('session_id', '=', session.id)
            .where('person_id', '=', person.id)
            .executeTakeFirst()
        )?.recorded_at ?? stamp);
    return {
      courseId: session.course_id,
      courseTitle: session.course_title,
      sessionId: session.id,
      sessionStartsAt: session.starts_at,
      topic: session.topic,
      recorded,
      recordedAt: at,
    };
  });
}

/** Staff tick who attended (from the sign-in sheet, kept as evidence); If-Match on the session's version. */
export async function recordAttendance(
  s: Services,
  ctx: RequestContext,
  session: SessionWithCourse,
  version: number,
  input: z.output<typeof attendanceBody>,
) {
  requireOpen(session);
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const approved = new Map(
    (await listNominations(s.db.kysely, session.course_id, null))
      .filter((n) => n.status === 'approved')
      .map((n) => [n.person_id, n]),
  );
  const unknown = input.personIds.filter((id) => !approved.has(id));
  if (unknown.length)
    throw appError('TRAINING_INVALID', '勾选的人员中有不在本课程已审核学员名单内的', { unknown });
  let added = 0;
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!(await bumpSession(trx, session.id, version))) throw appError('VERSION_CONFLICT');
    const stamp = toTimestamp(s.clock.now());
    for (const personId of new Set(input.personIds)) {
      if (
        await insertAttendance(trx, {
          session_id: session.id,
          person_id: personId,
          course_id: session.course_id,
          method: 'sheet',
          recorded_by: actor.userId,
          recorded_at: stamp,
        })
      )
        added++;
    }
    const sheets = await attachTo(s, trx, ctx, input.sheetAttachmentIds, {
      type: 'training_session',
      id: session.id,
    });
    await s.audit.record(trx, ctx, {
      action: 'training_attendance.record',
      objectType: 'training_session',
      objectId: session.id,
      after: { added, sheets: sheets.map((a) => a.id) },
    });
  });
  const course = await findCourse(s.db.kysely, session.course_id);
  return presentCourse(s, ctx, course!);
}

/** Closes a course (If-Match) and issues each approved participant the hours of the sessions they attended. */
export async function closeCourse(s: Services, ctx: RequestContext, course: CourseRow, version: number) {
  const actor = ctx.actor;
  if (!actor || !managesPlan(actor, course.region_path))
    throw appError('FORBIDDEN', '课程结业由培训计划所属地区的统战部工作人员办理');
  if (course.plan_status !== 'approved') throw appError('TRAINING_PLAN_STATE', '培训计划尚未审批');
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findCourse(trx, course.id);
    if (!row) throw appError('TRAINING_COURSE_NOT_FOUND');
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    if (row.status !== 'open') throw appError('TRAINING_COURSE_CLOSED');
    const stamp = toTimestamp(s.clock.now());
    if (!(await closeCourseRow(trx, row.id, version, stamp))) throw appError('VERSION_CONFLICT');
    const earned = (await attendedHours(trx, row.id)).filter((x) => Number(x.tenths) > 0);
    await insertCredits(
      trx,
      earned.map((x) => ({
        course_id: row.id,
        person_id: x.person_id,
        unit_id: x.unit_id,
        year: row.year,
        hours_tenths: Number(x.tenths),
        issued_at: stamp,
      })),
    );
    // Each person's hours of the year move with the credits, in this transaction.
    await addHours(
      trx,
      earned.map((x) => ({
        year: row.year,
        person_id: x.person_id,
        unit_id: x.person_unit_id,
        tenths: Number(x.tenths),
      })),
    );
    await s.audit.record(trx, ctx, {
      action: 'training_course.close',
      objectType: 'training_course',
      objectId: row.id,
      after: { credited: earned.length, tenths: earned.reduce((sum, x) => sum + Number(x.tenths), 0) },
    });
    for (const x of earned) {
      if (x.user_id === null) continue;
      await s.notify(trx, {
        recipients: [toUser(x.user_id)],
        kind: 'training.credited',
        title: `“${row.title}”已结业，登记培训学时 ${hoursOf(x.tenths)}`,
        object: { type: 'training_hours', id: row.year },
      });
    }
  });
  return presentCourse(s, ctx, (await findCourse(s.db.kysely, course.id))!);
}
