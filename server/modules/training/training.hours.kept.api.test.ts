// Each person's hours of a year are kept on write (docs/decisions/training-hours-kept.md): a row when a
// nomination is approved, raised in the same transaction as the credits a course's close issues. After
// every step here the kept rows are compared with the credits summed afresh and with the approved
// nominations, and the people list and per-unit summary answer the same figures. A close sent twice at
// once adds its credits once. The migration's backfill fills the same rows from a database that already has credits.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { createTestDb, DIALECTS, migrateTestDbToLatest, type TestDb } from '../../../test/db.ts';
import type { Database } from '../../db/schema.ts';

interface Course {
  id: number;
  version: number;
  sessions: Array<{ id: number; version: number }>;
  nominations: Array<{ id: number; personId: number; name: string; status: string; version: number }>;
}
interface Plan {
  id: number;
  version: number;
  courses: Array<{ id: number }>;
}
interface People {
  items: Array<{ personId: number; name: string; hours: number; shortBy: number }>;
  total: number;
}
interface Units {
  units: Array<{ unitId: number; people: number; completed: number; hours: number }>;
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

/** The kept rows, and what they must be: credits summed afresh, for everyone with an approved nomination. */
async function keptAndFresh(db: Kysely<Database>) {
  const kept = await db
    .selectFrom('training_person_hours')
    .select(['year', 'person_id', 'unit_id', 'tenths'])
    .orderBy('year')
    .orderBy('person_id')
    .execute();
  const held = await db
    .selectFrom('training_nominations as n')
    .innerJoin('training_courses as c', 'c.id', 'n.course_id')
    .innerJoin('training_plans as tp', 'tp.id', 'c.plan_id')
    .innerJoin('training_people as p', 'p.id', 'n.person_id')
    .select(['tp.year', 'n.person_id', 'p.unit_id'])
    .where('n.status', '=', 'approved')
    .distinct()
    .execute();
  const credits = await db
    .selectFrom('training_credits')
    .select(['year', 'person_id', (eb) => eb.fn.sum<number | string>('hours_tenths').as('t')])
    .groupBy(['year', 'person_id'])
    .execute();
  const fresh = held
    .map((h) => ({
      year: h.year,
      person_id: h.person_id,
      unit_id: h.unit_id,
      tenths: Number(credits.find((c) => c.year === h.year && c.person_id === h.person_id)?.t ?? 0),
    }))
    .sort((a, b) => a.year - b.year || a.person_id - b.person_id);
  return { kept: kept.map((k) => ({ ...k, tenths: Number(k.tenths) })), fresh };
}

describe.each(DIALECTS)('training hours kept on write (%s)', (dialect) => {
  let t: TestApp;
  const as: Record<string, Agent> = {};
  let plan: Plan;
  let first: Course;
  let second: Course;

  const key = () => ({ 'idempotency-key': idempotencyKey() });
  const course = (title: string, day: string) => ({
    title,
    organiser: '山东社会主义学院',
    place: '济南',
    startsOn: day,
    endsOn: day,
    placesPerUnit: 3,
    sessions: [
      { startsAt: `${day}T09:00`, hours: 3.5, topic: '专题一' },
      { startsAt: `${day}T14:00`, hours: 4, topic: '专题二' },
    ],
  });
  const reread = async (c: Course) => ok<Course>(await as.staff!.get(`/api/training/courses/${c.id}`));
  const agree = async () => {
    const { kept, fresh } = await keptAndFresh(t.db.kysely);
    expect(kept).toEqual(fresh);
    return kept;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '200' });
    const world = await seedDemo(t);
    t.clock.set(new Date('2026-03-01T09:00:00+08:00'));
    for (const u of ['staff', 'leader', 'handler']) as[u] = await world.signIn(u);
    plan = ok<Plan>(
      await as.staff!.post('/api/training/plans', { year: 2026, title: '2026年计划' }, key()),
      201,
    );
    ok(
      await as.staff!.post(`/api/training/plans/${plan.id}/courses`, course('第一期', '2026-03-10'), key()),
      201,
    );
    plan = ok<Plan>(
      await as.staff!.post(`/api/training/plans/${plan.id}/courses`, course('第二期', '2026-03-12'), key()),
      201,
    );
    plan = ok<Plan>(
      await as.leader!.request({
        method: 'POST',
        url: `/api/training/plans/${plan.id}/approve`,
        ifMatch: plan.version,
      }),
    );
    const [a, b] = await Promise.all(
      plan.courses.map(async (c) => ok<Course>(await as.staff!.get(`/api/training/courses/${c.id}`))),
    );
    [first, second] = [a!, b!];
  });
  afterAll(() => t.close());

  it('holds an approved nominee to the year with 0 hours; a pending or refused one is not held', async () => {
    for (const name of ['张三', '李四', '王五'])
      first = ok<Course>(
        await as.handler!.post(`/api/training/courses/${first.id}/nominations`, { name }, key()),
        201,
      );
    const [zhang, li, wang] = first.nominations;
    const ours = [zhang!.personId, li!.personId, wang!.personId];
    expect((await agree()).filter((k) => ours.includes(k.person_id))).toEqual([]);
    for (const [n, approve] of [
      [zhang!, true],
      [li!, true],
      [wang!, false],
    ] as const)
      first = ok<Course>(
        await as.staff!.request({
          method: 'POST',
          url: `/api/training/nominations/${n.id}/decision`,
          payload: approve ? { approve } : { approve, reason: '名额调整' },
          ifMatch: n.version,
        }),
      );
    const kept = (await agree()).filter((k) => ours.includes(k.person_id));
    expect(kept.map((k) => [k.person_id, k.tenths])).toEqual([
      [zhang!.personId, 0],
      [li!.personId, 0],
    ]);
  });

  it('raises the hours with the credits issued at close, and the lists answer them', async () => {
    const [zhang, li] = first.nominations.filter((n) => n.status === 'approved');
    // 张三 attends both sessions (7.5), 李四 the first (3.5).
    for (const [i, people] of [[zhang!.personId, li!.personId], [zhang!.personId]].entries()) {
      const s = (await reread(first)).sessions[i]!;
      ok(
        await as.staff!.request({
          method: 'PUT',
          url: `/api/training/sessions/${s.id}/attendance`,
          payload: { personIds: people },
          ifMatch: s.version,
        }),
      );
    }
    first = await reread(first);
    ok(
      await as.staff!.request({
        method: 'POST',
        url: `/api/training/courses/${first.id}/close`,
        ifMatch: first.version,
      }),
    );
    const ours = [zhang!.personId, li!.personId];
    const kept = (await agree()).filter((k) => ours.includes(k.person_id));
    expect(kept.map((k) => k.tenths)).toEqual([75, 35]);
    const people = ok<People>(await as.staff!.get('/api/training/people?year=2026'));
    expect(people.items.map((p) => [p.name, p.hours, p.shortBy])).toEqual(
      expect.arrayContaining([
        ['张三', 7.5, 32.5],
        ['李四', 3.5, 36.5],
      ]),
    );
    const unitId = kept[0]!.unit_id;
    const others = (await agree()).filter((k) => k.unit_id === unitId && !ours.includes(k.person_id));
    const units = ok<Units>(await as.staff!.get('/api/training/units?year=2026'));
    expect(units.units.find((u) => u.unitId === unitId)).toMatchObject({
      people: 2 + others.length,
      hours: (75 + 35 + others.reduce((n, k) => n + k.tenths, 0)) / 10,
    });
  });

  it('adds a second course’s credits to the same year, once when its close is sent twice at once', async () => {
    // 张三 again, on the second course of the same year.
    second = ok<Course>(
      await as.handler!.post(`/api/training/courses/${second.id}/nominations`, { name: '张三' }, key()),
      201,
    );
    const n = second.nominations[0]!;
    second = ok<Course>(
      await as.staff!.request({
        method: 'POST',
        url: `/api/training/nominations/${n.id}/decision`,
        payload: { approve: true },
        ifMatch: n.version,
      }),
    );
    for (const s of second.sessions)
      ok(
        await as.staff!.request({
          method: 'PUT',
          url: `/api/training/sessions/${s.id}/attendance`,
          payload: { personIds: [n.personId] },
          ifMatch: s.version,
        }),
      );
    second = await reread(second);
    // The second course closed twice at once: one close wins, the other is refused, nothing is added twice.
    const closes = await Promise.all(
      [0, 1].map(() =>
        as.staff!.request({
          method: 'POST',
          url: `/api/training/courses/${second.id}/close`,
          ifMatch: second.version,
        }),
      ),
    );
    expect(closes.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const kept = await agree();
    expect(kept.find((k) => k.person_id === n.personId)?.tenths).toBe(150);
    const mine = ok<People>(await as.staff!.get('/api/training/people?year=2026&short=true'));
    expect(mine.items.find((p) => p.name === '张三')).toMatchObject({ hours: 15, shortBy: 25 });
  });
});

describe.each(DIALECTS)('migration 2026-12-06T03-training-person-hours (%s)', (dialect) => {
  let db: TestDb;
  const AT = '2026-05-01T09:00:00.000+08:00';
  beforeAll(async () => {
    db = await createTestDb(dialect, '2026-12-05T05-issue10-list-indexes');
  });
  afterAll(() => db.close());

  it('fills each held person’s hours from the credits already issued', async () => {
    // The tables as they were before the migration (the new table exists only after it).
    const k = db.kysely;
    await k
      .insertInto('regions')
      .values({
        code: '370000',
        name: '山东省',
        level: 'province',
        parent_code: null,
        path: '370000',
        status: 'active',
        created_at: AT,
        updated_at: AT,
      })
      .execute();
    const unit = await k
      .insertInto('units')
      .values({
        region_code: '370000',
        name: '省直单位',
        kind: 'office',
        parent_id: null,
        status: 'active',
        created_at: AT,
        updated_at: AT,
      }) // prettier-ignore
      .returning('id')
      .executeTakeFirstOrThrow();
    const plan = await k
      .insertInto('training_plans')
      .values({
        region_code: '370000',
        region_path: '370000',
        year: 2026,
        title: '计划',
        status: 'approved',
        approved_by: null,
        approved_at: AT,
        created_by: null,
        created_at: AT,
        updated_at: AT,
      }) // prettier-ignore
      .returning('id')
      .executeTakeFirstOrThrow();
    const courses: number[] = [];
    for (const title of ['一期', '二期'])
      courses.push(
        (
          await k
            .insertInto('training_courses')
            .values({
              plan_id: plan.id,
              title,
              organiser: '学院',
              place: '济南',
              starts_on: '2026-04-01',
              ends_on: '2026-04-01',
              places_per_unit: 5,
              status: 'closed',
              closed_at: AT,
              created_at: AT,
              updated_at: AT,
            }) // prettier-ignore
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const people: number[] = [];
    for (const name of ['甲', '乙', '丙'])
      people.push(
        (
          await k
            .insertInto('training_people')
            .values({ unit_id: unit.id, user_id: null, name, title: null, created_at: AT })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const nominate = (course: number, person: number, status: 'approved' | 'refused') =>
      k
        .insertInto('training_nominations')
        .values({
          course_id: course,
          unit_id: unit.id,
          person_id: person,
          status,
          reason: null,
          nominated_by: null,
          decided_by: null,
          decided_at: AT,
          created_at: AT,
          updated_at: AT,
        }) // prettier-ignore
        .execute();
    const credit = (course: number, person: number, hours_tenths: number) =>
      k
        .insertInto('training_credits')
        .values({
          course_id: course,
          person_id: person,
          unit_id: unit.id,
          year: 2026,
          hours_tenths,
          issued_at: AT,
        }) // prettier-ignore
        .execute();
    // 甲: two courses, 35 + 40; 乙: approved, no credits; 丙: refused.
    await nominate(courses[0]!, people[0]!, 'approved');
    await nominate(courses[1]!, people[0]!, 'approved');
    await nominate(courses[0]!, people[1]!, 'approved');
    await nominate(courses[0]!, people[2]!, 'refused');
    await credit(courses[0]!, people[0]!, 35);
    await credit(courses[1]!, people[0]!, 40);

    await migrateTestDbToLatest(db);
    const { kept, fresh } = await keptAndFresh(k);
    expect(kept).toEqual(fresh);
    expect(kept.map((r) => [r.person_id, r.tenths])).toEqual([
      [people[0], 75],
      [people[1], 0],
    ]);
  });
});
