// 干部培训 leftovers (docs/decisions/training-plan-edits.md): a course deleted from a draft plan, and a
// draft plan moved to another year (its courses and sessions to the same days of it) or region — If-Match,
// audited, refused in words once the plan is approved or anyone is nominated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface PlanCourse {
  id: number;
  version: number;
  title: string;
  startsOn: string;
  endsOn: string;
}
interface Plan {
  id: number;
  version: number;
  year: number;
  regionCode: string;
  regionName: string;
  status: string;
  courses: PlanCourse[];
}
interface Res {
  statusCode: number;
  body: string;
  json: <U>() => U;
}
const ok = <T>(res: Res, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
};
const refusal = (res: Res) =>
  res.json<{ code: string; message: string; details?: { problems?: Array<{ path: string }> } }>();

describe.each(DIALECTS)('干部培训: deleting a course, moving a draft plan (%s)', (dialect) => {
  let t: TestApp;
  const as: Record<string, Agent> = {};
  let plan: Plan;

  const key = () => ({ 'idempotency-key': idempotencyKey() });
  const course = (title: string, day: string) => ({
    title,
    organiser: '山东社会主义学院',
    place: '济南',
    startsOn: day,
    endsOn: day,
    placesPerUnit: 2,
    sessions: [{ startsAt: `${day}T09:00`, hours: 3, topic: '专题' }],
  });
  const send = (who: string, method: string, url: string, payload?: object, version?: number) =>
    as[who]!.request({
      method,
      url,
      ...(payload ? { payload } : {}),
      ...(version === undefined ? {} : { ifMatch: version }),
    });
  const movePlan = (who: string, payload: object, version = plan.version) =>
    send(who, 'PATCH', `/api/training/plans/${plan.id}`, payload, version);
  const deleteCourse = (who: string, c: PlanCourse, version = c.version) =>
    send(who, 'DELETE', `/api/training/courses/${c.id}`, undefined, version);
  const audit = (action: string) =>
    t.db.kysely
      .selectFrom('audit_log')
      .select(['object_id', 'detail'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '200' });
    const world = await seedDemo(t);
    t.clock.set(new Date('2026-03-01T09:00:00+08:00'));
    for (const u of ['staff', 'leader', 'handler', 'jinan_staff']) as[u] = await world.signIn(u);
    plan = ok<Plan>(
      await as.staff!.post('/api/training/plans', { year: 2028, title: '2028年培训计划（草案）' }, key()),
      201,
    );
    for (const [title, day] of [
      ['闰日专题班', '2028-02-29'],
      ['党外干部培训班', '2028-04-10'],
      ['临时增加的培训班', '2028-05-10'],
    ] as const)
      plan = ok<Plan>(
        await as.staff!.post(`/api/training/plans/${plan.id}/courses`, course(title, day), key()),
        201,
      );
  });
  afterAll(() => t.close());

  it('deletes a course of a draft plan with If-Match, audited; others may not', async () => {
    const extra = plan.courses.find((c) => c.title === '临时增加的培训班')!;
    expect((await send('staff', 'DELETE', `/api/training/courses/${extra.id}`)).statusCode).toBe(428);
    expect((await deleteCourse('staff', extra, extra.version + 1)).statusCode).toBe(412);
    // Units' handlers and leaders do not keep courses; another region's staff do not see the plan.
    expect((await deleteCourse('handler', extra)).statusCode).toBe(403);
    expect((await deleteCourse('leader', extra)).statusCode).toBe(403);
    expect((await deleteCourse('jinan_staff', extra)).statusCode).toBe(404);
    plan = ok<Plan>(await deleteCourse('staff', extra));
    expect(plan.courses.map((c) => c.title)).toEqual(['闰日专题班', '党外干部培训班']);
    expect((await as.staff!.get(`/api/training/courses/${extra.id}`)).statusCode).toBe(404);
    const sessions = await t.db.kysely
      .selectFrom('training_sessions')
      .select('id')
      .where('course_id', '=', extra.id)
      .execute();
    expect(sessions).toEqual([]);
    const [event] = await audit('training_course.delete');
    expect(event!.object_id).toBe(String(extra.id));
    expect(JSON.parse(event!.detail ?? '{}')).toMatchObject({
      before: { planId: plan.id, title: '临时增加的培训班', startsOn: '2028-05-10', sessions: 1 },
    });
  });

  it('moves a draft plan to another year, its courses and sessions to the same days', async () => {
    const leap = plan.courses.find((c) => c.title === '闰日专题班')!;
    const noLeapDay = await movePlan('staff', { year: 2029 });
    expect(noLeapDay.statusCode).toBe(400);
    expect(refusal(noLeapDay)).toMatchObject({
      code: 'TRAINING_INVALID',
      details: { problems: [{ path: 'year' }] },
    });
    expect(refusal(noLeapDay).message).toContain('2 月 29 日');
    expect((await movePlan('staff', { year: 2029 }, plan.version + 1)).statusCode).toBe(412);
    expect((await movePlan('staff', {})).statusCode).toBe(400);
    plan = ok<Plan>(await deleteCourse('staff', leap));
    const before = plan.courses[0]!;
    plan = ok<Plan>(await movePlan('staff', { year: 2029 }));
    expect(plan.year).toBe(2029);
    expect(plan.courses[0]).toMatchObject({ startsOn: '2029-04-10', endsOn: '2029-04-10' });
    // The course's version moved with its dates: an edit made on the old one is stale.
    expect(plan.courses[0]!.version).toBeGreaterThan(before.version);
    const detail = ok<{ sessions: Array<{ startsAt: string }> }>(
      await as.staff!.get(`/api/training/courses/${before.id}`),
    );
    expect(detail.sessions.map((x) => x.startsAt)).toEqual(['2029-04-10T09:00']);
    expect(
      (await send('staff', 'PATCH', `/api/training/courses/${before.id}`, { place: '泰安' }, before.version))
        .statusCode,
    ).toBe(412);
    const events = await audit('training_plan.update');
    expect(JSON.parse(events.at(-1)!.detail ?? '{}')).toMatchObject({
      before: { year: 2028, regionCode: '370000' },
      after: { year: 2029, coursesMoved: 1 },
    });
  });

  it('moves a draft plan to a region its staff keep, not onto a region and year that has a plan', async () => {
    plan = ok<Plan>(await movePlan('staff', { regionCode: '370100', title: '2029年济南市培训计划' }));
    expect(plan).toMatchObject({ regionCode: '370100', regionName: '济南市', year: 2029 });
    // 济南's staff see it now, and may not move it to 青岛.
    expect((await as.jinan_staff!.get(`/api/training/plans/${plan.id}`)).statusCode).toBe(200);
    const away = await movePlan('jinan_staff', { regionCode: '370200' });
    expect(away.statusCode).toBe(400);
    expect(refusal(away)).toMatchObject({
      code: 'TRAINING_INVALID',
      details: { problems: [{ path: 'regionCode' }] },
    });
    expect((await movePlan('staff', { regionCode: '999999' })).statusCode).toBe(400);
    // The province has a 2029 plan of its own now: this one cannot move back onto it.
    ok(await as.staff!.post('/api/training/plans', { year: 2029, title: '2029年全省计划' }, key()), 201);
    const taken = await movePlan('staff', { regionCode: '370000' });
    expect(taken.statusCode).toBe(409);
    expect(refusal(taken)).toMatchObject({ code: 'TRAINING_PLAN_EXISTS' });
    expect(refusal(taken).message).toContain('2029');
  });

  it('keeps year, region and courses once anyone is nominated, and everything once approved', async () => {
    const c = plan.courses[0]!;
    // A nomination on a draft's course cannot be made through the app: written here as a later change
    // of rules or an import might leave it.
    const unit = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('region_code', '=', '370100')
      .executeTakeFirstOrThrow();
    const person = await t.db.kysely
      .insertInto('training_people')
      .values({
        unit_id: unit.id,
        user_id: null,
        name: '赵六',
        title: null,
        created_at: '2026-03-01T09:00:00+08:00',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const at = '2026-03-01T09:00:00+08:00';
    const nomination = await t.db.kysely
      .insertInto('training_nominations')
      .values({
        course_id: c.id,
        unit_id: unit.id,
        person_id: person.id,
        status: 'pending',
        reason: null,
        nominated_by: null,
        decided_by: null,
        decided_at: null,
        created_at: at,
        updated_at: at,
      }) // prettier-ignore
      .returning('id')
      .executeTakeFirstOrThrow();
    const moved = await movePlan('staff', { year: 2030 });
    expect(moved.statusCode).toBe(409);
    expect(refusal(moved)).toMatchObject({ code: 'TRAINING_PLAN_STATE' });
    expect(refusal(moved).message).toContain('已有报名或出勤记录');
    const deleted = await deleteCourse('staff', c);
    expect(deleted.statusCode).toBe(409);
    expect(refusal(deleted).message).toContain('已有报名或出勤记录');
    // Its name may still change.
    plan = ok<Plan>(await movePlan('staff', { title: '2029年济南市统战干部培训计划' }));
    await t.db.kysely.deleteFrom('training_nominations').where('id', '=', nomination.id).execute();

    plan = ok<Plan>(
      await send('leader', 'POST', `/api/training/plans/${plan.id}/approve`, undefined, plan.version),
    );
    expect(plan.status).toBe('approved');
    const late = await movePlan('staff', { year: 2030 });
    expect(late.statusCode).toBe(409);
    expect(refusal(late)).toMatchObject({ code: 'TRAINING_PLAN_STATE' });
    const gone = await deleteCourse('staff', plan.courses[0]!);
    expect(gone.statusCode).toBe(409);
    expect(refusal(gone).message).toContain('已审批');
  });
});
