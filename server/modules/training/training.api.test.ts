import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  idempotencyKey,
  seedDemo,
  type Agent,
  type DemoWorld,
  type TestApp,
} from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface Course {
  id: number;
  version: number;
  status: string;
  sessions: Array<{ id: number; version: number; hours: number; attended: number }>;
  nominations: Array<{
    id: number;
    personId: number;
    name: string;
    status: string;
    version: number;
    creditedHours: number | null;
    attendedSessionIds: number[];
  }>;
  placesUsed: number | null;
}
interface Plan {
  id: number;
  version: number;
  status: string;
  courses: Array<{ id: number; hours: number }>;
}

const ok = <T>(res: { statusCode: number; body: string; json: <U>() => U }, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
};
const code = (res: { json: <U>() => U }) => res.json<{ code: string; message: string }>();

describe.each(DIALECTS)('干部培训 (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  const as: Record<string, Agent> = {};
  const users: Record<string, number> = {};
  let ndrc: number;
  let plan: Plan;
  let course: Course;

  const post = (who: string, url: string, body?: unknown, headers?: Record<string, string>) =>
    as[who]!.post(url, body, headers);
  const withKey = () => ({ 'idempotency-key': idempotencyKey() });

  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '200' });
    world = await seedDemo(t);
    t.clock.set(new Date('2026-03-01T09:00:00+08:00'));
    for (const u of ['staff', 'leader', 'handler', 'ndrc_head', 'jinan_staff', 'submitter'])
      as[u] = await world.signIn(u);
    for (const u of await t.db.kysely.selectFrom('users').select(['id', 'username']).execute())
      users[u.username] = u.id;
    ndrc = (
      await t.db.kysely
        .selectFrom('units')
        .select('id')
        .where('name', '=', '山东省发展和改革委员会')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  it('drafts a plan with a course, approved by a leader only; nominations wait for approval', async () => {
    plan = ok<Plan>(
      await post(
        'staff',
        '/api/training/plans',
        { year: 2026, title: '2026年全省统战干部培训计划' },
        withKey(),
      ),
      201,
    );
    expect(plan.status).toBe('draft');
    const dup = await post('staff', '/api/training/plans', { year: 2026, title: '重复' }, withKey());
    expect(dup.statusCode).toBe(409);
    plan = ok<Plan>(
      await post(
        'staff',
        `/api/training/plans/${plan.id}/courses`,
        {
          title: '党外干部专题培训班',
          organiser: '山东社会主义学院',
          place: '济南',
          startsOn: '2026-03-10',
          endsOn: '2026-03-11',
          placesPerUnit: 2,
          sessions: [
            { startsAt: '2026-03-10T09:00', hours: 3.5, topic: '统一战线理论' },
            { startsAt: '2026-03-11T09:00', hours: 4, topic: '民营经济统战工作' },
          ],
        },
        withKey(),
      ),
      201,
    );
    expect(plan.courses[0]!.hours).toBe(7.5);
    const courseId = plan.courses[0]!.id;
    // A handler does not see a draft plan's course at all.
    expect((await as.handler!.get(`/api/training/courses/${courseId}`)).statusCode).toBe(404);
    // Staff may not approve; a stale version is refused; the leader approves.
    const byStaff = await as.staff!.request({
      method: 'POST',
      url: `/api/training/plans/${plan.id}/approve`,
      ifMatch: plan.version,
    });
    expect(byStaff.statusCode).toBe(403);
    const stale = await as.leader!.request({
      method: 'POST',
      url: `/api/training/plans/${plan.id}/approve`,
      ifMatch: plan.version - 1,
    });
    expect(stale.statusCode).toBe(412);
    plan = ok<Plan>(
      await as.leader!.request({
        method: 'POST',
        url: `/api/training/plans/${plan.id}/approve`,
        ifMatch: plan.version,
      }),
    );
    expect(plan.status).toBe('approved');
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'training_plan.approve')
      .execute();
    expect(audit).toHaveLength(1);
    course = ok<Course>(await as.handler!.get(`/api/training/courses/${courseId}`));
  });

  it('lets a unit nominate within its places, refuses the third with a clear message', async () => {
    const url = `/api/training/courses/${course.id}/nominations`;
    ok(await post('handler', url, { userId: users.handler }, withKey()), 201);
    const dup = await post('handler', url, { userId: users.handler }, withKey());
    expect(dup.statusCode).toBe(409);
    expect(code(dup).code).toBe('TRAINING_NOMINATION_DUPLICATE');
    course = ok<Course>(await post('handler', url, { userId: users.ndrc_head }, withKey()), 201);
    expect(course.placesUsed).toBe(2);
    const over = await post('handler', url, { name: '王五', title: '处长' }, withKey());
    expect(over.statusCode).toBe(409);
    expect(code(over).code).toBe('TRAINING_QUOTA_FULL');
    expect(code(over).message).toContain('名额（2 人）已用完');
    // Another unit's user cannot be nominated by this unit.
    const foreign = await post('handler', url, { userId: users.staff }, withKey());
    expect(foreign.statusCode).toBe(400);
    // The handler sees only their unit's nominations; staff see all.
    expect(course.nominations.map((n) => n.name).sort()).toEqual(['刘强', '张华'].sort());
  });

  it('staff approve; a refusal gives the place back; a stale decision is 412', async () => {
    const staffView = ok<Course>(await as.staff!.get(`/api/training/courses/${course.id}`));
    const [a, b] = staffView.nominations;
    const stale = await as.staff!.request({
      method: 'POST',
      url: `/api/training/nominations/${a!.id}/decision`,
      payload: { approve: true },
      ifMatch: a!.version + 1,
    });
    expect(stale.statusCode).toBe(412);
    for (const n of [a!, b!])
      ok(
        await as.staff!.request({
          method: 'POST',
          url: `/api/training/nominations/${n.id}/decision`,
          payload: { approve: true },
          ifMatch: n.version,
        }),
      );
    // A contact nominated by staff for another unit, then refused: the place is released.
    const jinanUnit = (
      await t.db.kysely
        .selectFrom('units')
        .select('id')
        .where('name', '=', '中共济南市委统战部')
        .executeTakeFirstOrThrow()
    ).id;
    let c = ok<Course>(
      await post(
        'staff',
        `/api/training/courses/${course.id}/nominations`,
        { unitId: jinanUnit, name: '赵六', title: '科长' },
        withKey(),
      ),
      201,
    );
    const zhao = c.nominations.find((n) => n.name === '赵六')!;
    const noReason = await as.staff!.request({
      method: 'POST',
      url: `/api/training/nominations/${zhao.id}/decision`,
      payload: { approve: false },
      ifMatch: zhao.version,
    });
    expect(noReason.statusCode).toBe(400);
    c = ok<Course>(
      await as.staff!.request({
        method: 'POST',
        url: `/api/training/nominations/${zhao.id}/decision`,
        payload: { approve: false, reason: '名额调整' },
        ifMatch: zhao.version,
      }),
    );
    const places = await t.db.kysely
      .selectFrom('training_unit_places')
      .select('used')
      .where('course_id', '=', course.id)
      .where('unit_id', '=', jinanUnit)
      .executeTakeFirstOrThrow();
    expect(places.used).toBe(0);
    // A sibling city's staff never reach the province's nomination (scope 404).
    expect(
      (
        await as.jinan_staff!.request({
          method: 'POST',
          url: `/api/training/nominations/${zhao.id}/decision`,
          payload: { approve: true },
          ifMatch: 1,
        })
      ).statusCode,
    ).toBe(404);
  });

  it("records a QR scan for the scanner only, once; refuses an expired code and another session's code", async () => {
    const [s1, s2] = course.sessions;
    const qr = ok<{ token: string; path: string }>(
      await as.staff!.get(`/api/training/sessions/${s1!.id}/qr`),
    );
    expect(qr.path).toContain(`/training/scan?s=${s1!.id}&t=`);
    const first = ok<{ recorded: boolean }>(
      await post('handler', '/api/training/check-in', { sessionId: s1!.id, token: qr.token }),
    );
    expect(first.recorded).toBe(true);
    const replay = ok<{ recorded: boolean }>(
      await post('handler', '/api/training/check-in', { sessionId: s1!.id, token: qr.token }),
    );
    expect(replay.recorded).toBe(false);
    // Session 1's code presented for session 2 (another session of the course; a token names its session).
    const cross = await post('ndrc_head', '/api/training/check-in', { sessionId: s2!.id, token: qr.token });
    expect(cross.statusCode).toBe(400);
    expect(code(cross).code).toBe('TRAINING_QR_INVALID');
    // A tampered session id inside the token.
    const forged = qr.token.replace(/^\d+\./, `${s2!.id}.`);
    expect(
      code(await post('ndrc_head', '/api/training/check-in', { sessionId: s2!.id, token: forged })).code,
    ).toBe('TRAINING_QR_INVALID');
    // Someone not nominated cannot sign in.
    expect(
      (await post('jinan_staff', '/api/training/check-in', { sessionId: s1!.id, token: qr.token }))
        .statusCode,
    ).toBe(403);
    // Sixty-one seconds on the code has expired.
    t.clock.advance(61_000);
    const expired = await post('ndrc_head', '/api/training/check-in', { sessionId: s1!.id, token: qr.token });
    expect(code(expired).code).toBe('TRAINING_QR_EXPIRED');
    const rows = await t.db.kysely.selectFrom('training_attendance').selectAll().execute();
    expect(rows).toHaveLength(1);
    // A fresh code works for 刘强; session 2 by the sign-in sheet for both.
    const fresh = ok<{ token: string }>(await as.staff!.get(`/api/training/sessions/${s1!.id}/qr`));
    ok(await post('ndrc_head', '/api/training/check-in', { sessionId: s1!.id, token: fresh.token }));
    const staffView = ok<Course>(await as.staff!.get(`/api/training/courses/${course.id}`));
    const approved = staffView.nominations.filter((n) => n.status === 'approved').map((n) => n.personId);
    ok(
      await as.staff!.request({
        method: 'PUT',
        url: `/api/training/sessions/${s2!.id}/attendance`,
        payload: { personIds: approved },
        ifMatch: s2!.version,
      }),
    );
    const again = await as.staff!.request({
      method: 'PUT',
      url: `/api/training/sessions/${s2!.id}/attendance`,
      payload: { personIds: approved },
      ifMatch: s2!.version,
    });
    expect(again.statusCode).toBe(412);
    expect(await t.db.kysely.selectFrom('training_attendance').selectAll().execute()).toHaveLength(4);
  });

  it('closes the course once (two closes at once: one 412), credits per session hours, and the hours show', async () => {
    const c = ok<Course>(await as.staff!.get(`/api/training/courses/${course.id}`));
    const results = await Promise.all([
      as.staff!.request({ method: 'POST', url: `/api/training/courses/${c.id}/close`, ifMatch: c.version }),
      as.staff!.request({ method: 'POST', url: `/api/training/courses/${c.id}/close`, ifMatch: c.version }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const closed = ok<Course>(await as.staff!.get(`/api/training/courses/${c.id}`));
    expect(closed.status).toBe('closed');
    expect(closed.nominations.filter((n) => n.status === 'approved').map((n) => n.creditedHours)).toEqual([
      7.5, 7.5,
    ]);
    const mine = ok<{ hours: number; requiredHours: number; shortBy: number; courses: unknown[] }>(
      await as.handler!.get('/api/training/my-hours?year=2026'),
    );
    expect(mine).toMatchObject({ hours: 7.5, requiredHours: 40, shortBy: 32.5 });
    const units = ok<{ units: Array<{ unitId: number; people: number; short: number; hours: number }> }>(
      await as.staff!.get('/api/training/units?year=2026'),
    );
    expect(units.units.find((u) => u.unitId === ndrc)).toMatchObject({ people: 2, short: 2, hours: 15 });
    // The unit summary agrees with the list it opens.
    const people = ok<{ items: Array<{ unitId: number; hours: number }> }>(
      await as.staff!.get(`/api/training/people?year=2026&unitId=${ndrc}&short=true`),
    );
    expect(people.items).toHaveLength(2);
    // A unit reads only its own people.
    const own = ok<{ items: Array<{ unitId: number }> }>(
      await as.handler!.get('/api/training/people?year=2026'),
    );
    expect(new Set(own.items.map((p) => p.unitId))).toEqual(new Set([ndrc]));
    const messages = await t.db.kysely
      .selectFrom('messages')
      .select(['recipient_id', 'kind'])
      .where('kind', '=', 'training.credited')
      .execute();
    expect(messages.map((m) => m.recipient_id).sort()).toEqual([users.handler, users.ndrc_head].sort());
    // After close nothing more is recorded.
    const late = await post(
      'handler',
      `/api/training/courses/${c.id}/nominations`,
      { name: '钱七' },
      withKey(),
    );
    expect(code(late).code).toBe('TRAINING_COURSE_CLOSED');
  });
});
