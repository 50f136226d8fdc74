// A leader approves a training plan with the version they read (If-Match): "the leader approved those dates
// and places" (docs/decisions/training-plan-edits.md). A course added, changed or deleted after the leader
// read the plan changes what they would approve, so it moves the plan's version too: the stale approval is
// refused (412) and the leader reads the plan again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface Plan {
  id: number;
  version: number;
  status: string;
  courses: Array<{ id: number; version: number; title: string; placesPerUnit: number }>;
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

describe.each(DIALECTS)('干部培训: an approval of a plan read before its courses changed (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let leader: Agent;

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
  const approve = (plan: Plan, version = plan.version) =>
    leader.request({ method: 'POST', url: `/api/training/plans/${plan.id}/approve`, ifMatch: version });
  const read = async (plan: Plan) => ok<Plan>(await leader.get(`/api/training/plans/${plan.id}`));
  const draft = async (year: number) => {
    const plan = ok<Plan>(
      await staff.post('/api/training/plans', { year, title: `${year}年培训计划（草案）` }, key()),
      201,
    );
    for (const [title, day] of [
      ['党外干部培训班', `${year}-04-10`],
      ['统战干部专题班', `${year}-05-10`],
    ] as const)
      await staff.post(`/api/training/plans/${plan.id}/courses`, course(title, day), key());
    return read(plan);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    t.clock.set(new Date('2026-03-01T09:00:00+08:00'));
    staff = await world.signIn('staff');
    leader = await world.signIn('leader');
  });
  afterAll(() => t.close());

  it('refuses it when a course was changed since', async () => {
    const seen = await draft(2029);
    const c = seen.courses[0]!;
    ok(
      await staff.request({
        method: 'PATCH',
        url: `/api/training/courses/${c.id}`,
        payload: { placesPerUnit: 50 },
        ifMatch: c.version,
      }),
    );
    const stale = await approve(seen);
    expect(stale.statusCode, stale.body).toBe(412);
    const now = await read(seen);
    expect(now.status).toBe('draft');
    expect(now.courses[0]!.placesPerUnit).toBe(50);
    expect(ok<Plan>(await approve(now)).status).toBe('approved');
  });

  it('refuses it when a course was deleted or added since', async () => {
    const seen = await draft(2030);
    const c = seen.courses[1]!;
    ok(await staff.request({ method: 'DELETE', url: `/api/training/courses/${c.id}`, ifMatch: c.version }));
    expect((await approve(seen)).statusCode).toBe(412);
    const again = await read(seen);
    ok(
      await staff.post(`/api/training/plans/${seen.id}/courses`, course('临时增加的班', '2030-06-10'), key()),
      201,
    );
    expect((await approve(again)).statusCode).toBe(412);
    const now = await read(seen);
    expect(now.courses.map((x) => x.title)).toEqual(['党外干部培训班', '临时增加的班']);
    expect(ok<Plan>(await approve(now)).status).toBe('approved');
  });
});
