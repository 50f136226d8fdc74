import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { startJobRunner, type JobRunner } from '../../core/jobs/job.runner.ts';
import { trainingShortfall, trainingShortfallSchedule } from './training.job.ts';

interface Course {
  id: number;
  version: number;
  sessions: Array<{ id: number; version: number }>;
  nominations: Array<{ id: number; personId: number; name: string; version: number }>;
}

const ok = <T>(res: { statusCode: number; body: string; json: <U>() => U }, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
};
const key = () => ({ 'idempotency-key': idempotencyKey() });

// A region's approved plan with one course of one 3-学时 session.
async function approvedCourse(
  staff: Agent,
  leader: Agent,
  regionCode: string,
  title: string,
): Promise<Course> {
  const plan = ok<{ id: number }>(
    await staff.post('/api/training/plans', { regionCode, year: 2026, title: `${title}计划` }, key()),
    201,
  );
  const withCourse = ok<{ version: number; courses: Array<{ id: number }> }>(
    await staff.post(
      `/api/training/plans/${plan.id}/courses`,
      {
        title,
        organiser: '社会主义学院',
        place: '济南',
        startsOn: '2026-03-10',
        endsOn: '2026-03-10',
        placesPerUnit: 3,
        sessions: [{ startsAt: '2026-03-10T09:00', hours: 3, topic: '专题' }],
      },
      key(),
    ),
    201,
  );
  ok(
    await leader.request({
      method: 'POST',
      url: `/api/training/plans/${plan.id}/approve`,
      ifMatch: withCourse.version,
    }),
  );
  return ok<Course>(await staff.get(`/api/training/courses/${withCourse.courses[0]!.id}`));
}

describe.each(DIALECTS)('培训学时提醒 and cross-course codes (%s)', (dialect) => {
  let t: TestApp;
  let runner: JobRunner;
  const as: Record<string, Agent> = {};
  const users: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '200' });
    const world = await seedDemo(t);
    t.clock.set(new Date('2026-03-10T09:00:00+08:00'));
    for (const u of ['staff', 'leader', 'handler', 'ndrc_head']) as[u] = await world.signIn(u);
    for (const u of await t.db.kysely.selectFrom('users').select(['id', 'username']).execute())
      users[u.username] = u.id;
    runner = startJobRunner(t.s, [trainingShortfall], { pollMs: 0, schedules: [trainingShortfallSchedule] });
  });
  afterAll(async () => {
    await runner.stop();
    await t.close();
  });

  it('refuses a code of another course, then reminds those short of their hours once, on 1 October', async () => {
    const settings = ok<{ version: number }>(await as.staff!.get('/api/training/settings'));
    ok(await as.staff!.put('/api/training/settings', { requiredHours: 3 }, settings.version));
    const province = await approvedCourse(as.staff!, as.leader!, '370000', '省级专题班');
    const jinan = await approvedCourse(as.staff!, as.leader!, '370100', '济南市专题班');
    let c = province;
    for (const body of [
      { userId: users.handler },
      { userId: users.ndrc_head },
      { name: '王五', title: '处长' },
    ])
      c = ok<Course>(
        await as.handler!.post(`/api/training/courses/${province.id}/nominations`, body, key()),
        201,
      );
    c = ok<Course>(await as.staff!.get(`/api/training/courses/${province.id}`));
    for (const n of c.nominations)
      ok(
        await as.staff!.request({
          method: 'POST',
          url: `/api/training/nominations/${n.id}/decision`,
          payload: { approve: true },
          ifMatch: n.version,
        }),
      );

    // The Jinan course's code, presented for the province's course: refused, nothing recorded.
    const other = ok<{ token: string }>(
      await as.staff!.get(`/api/training/sessions/${jinan.sessions[0]!.id}/qr`),
    );
    const cross = await as.handler!.post('/api/training/check-in', {
      sessionId: province.sessions[0]!.id,
      token: other.token,
    });
    expect(cross.json<{ code: string }>().code).toBe('TRAINING_QR_INVALID');
    // …and for its own session, 张华 is not a nominee of the Jinan course.
    expect(
      (
        await as.handler!.post('/api/training/check-in', {
          sessionId: jinan.sessions[0]!.id,
          token: other.token,
        })
      ).statusCode,
    ).toBe(403);
    expect(await t.db.kysely.selectFrom('training_attendance').selectAll().execute()).toHaveLength(0);

    // 张华 attends and completes the (lowered) requirement; 刘强 and the contact 王五 do not.
    const qr = ok<{ token: string }>(
      await as.staff!.get(`/api/training/sessions/${province.sessions[0]!.id}/qr`),
    );
    ok(
      await as.handler!.post('/api/training/check-in', {
        sessionId: province.sessions[0]!.id,
        token: qr.token,
      }),
    );
    c = ok<Course>(await as.staff!.get(`/api/training/courses/${province.id}`));
    ok(
      await as.staff!.request({
        method: 'POST',
        url: `/api/training/courses/${province.id}/close`,
        ifMatch: c.version,
      }),
    );

    const shortfalls = () =>
      t.db.kysely
        .selectFrom('messages')
        .select(['recipient_id', 'title'])
        .where('kind', '=', 'training.shortfall')
        .orderBy('id')
        .execute();
    t.clock.set(new Date('2026-09-30T12:00:00+08:00'));
    await runner.runDue();
    expect(await shortfalls()).toHaveLength(0);
    t.clock.set(new Date('2026-10-01T09:00:01+08:00'));
    await runner.runDue();
    const sent = await shortfalls();
    // 刘强 himself; the unit's handlers (张华 and 刘强) for the contact 王五.
    expect(
      sent
        .filter((m) => m.recipient_id === users.ndrc_head)
        .map((m) => m.title)
        .sort(),
    ).toEqual(
      [
        '2026 年培训学时已获 0，距年度要求 3 学时还差 3 学时',
        '本单位有 1 名学员 2026 年培训学时未达 3 学时',
      ].sort(),
    );
    expect(sent.filter((m) => m.recipient_id === users.handler).map((m) => m.title)).toEqual([
      '本单位有 1 名学员 2026 年培训学时未达 3 学时',
    ]);
    t.clock.set(new Date('2026-10-02T09:00:00+08:00'));
    await runner.runDue();
    expect(await shortfalls()).toHaveLength(sent.length);
  });
});
