// The people list and the per-unit summary of 学时 are kept in the read cache while nothing is written
// (docs/decisions/training-pairing-read-cache.md). These tests warm the cache and prove that no kept answer
// outlives a change: a nomination approved or the requirement changed through the app, or hours changed
// through a second connection (another process, the console), is answered as it now is on the very next
// request; readers of different scope never share an answer; and a question without a year follows the
// clock into the next year with nothing written.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS, secondConnection } from '../../../test/db.ts';

interface People {
  year: number;
  requiredHours: number;
  items: Array<{ personId: number; name: string; hours: number }>;
  total: number;
}
interface Units {
  year: number;
  requiredHours: number;
  units: Array<{ unitId: number; people: number; completed: number; hours: number }>;
}
interface Course {
  id: number;
  nominations: Array<{ id: number; personId: number; name: string; version: number }>;
}

const PEOPLE = '/api/training/people?year=2026';
const UNITS = '/api/training/units?year=2026';

describe.each(DIALECTS)('training hours lists are never stale (%s)', (dialect) => {
  let t: TestApp;
  let other: Db;
  const as: Record<string, Agent> = {};
  let course: Course;

  const read = async <T>(who: string, url: string) => {
    const res = await as[who]!.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const key = () => ({ 'idempotency-key': idempotencyKey() });
  const approveNext = async (name: string) => {
    const nominated = await as.handler!.post(
      `/api/training/courses/${course.id}/nominations`,
      { name },
      key(),
    );
    expect(nominated.statusCode, nominated.body).toBe(201);
    const n = nominated.json<Course>().nominations.find((x) => x.name === name)!;
    const res = await as.staff!.request({
      method: 'POST',
      url: `/api/training/nominations/${n.id}/decision`,
      payload: { approve: true },
      ifMatch: n.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    return n.personId;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '200' });
    // A quarter of an hour before the year ends (the last test crosses into the next).
    t.clock.set(new Date('2026-12-31T23:45:00+08:00'));
    const world = await seedDemo(t);
    for (const u of ['staff', 'leader', 'handler', 'jinan_staff']) as[u] = await world.signIn(u);
    const created = await as.staff!.post('/api/training/plans', { year: 2026, title: '2026年计划' }, key());
    expect(created.statusCode, created.body).toBe(201);
    const planId = created.json<{ id: number }>().id;
    const withCourse = await as.staff!.post(
      `/api/training/plans/${planId}/courses`,
      {
        title: '党外干部培训班',
        organiser: '山东社会主义学院',
        place: '济南',
        startsOn: '2026-04-10',
        endsOn: '2026-04-10',
        placesPerUnit: 10,
        sessions: [{ startsAt: '2026-04-10T09:00', hours: 3, topic: '专题' }],
      },
      key(),
    );
    expect(withCourse.statusCode, withCourse.body).toBe(201);
    const plan = withCourse.json<{ version: number; courses: Array<{ id: number }> }>();
    const approved = await as.leader!.request({
      method: 'POST',
      url: `/api/training/plans/${planId}/approve`,
      ifMatch: plan.version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    course = { id: plan.courses[0]!.id, nominations: [] };
    await approveNext('张三');
    other = secondConnection(t.db, dialect);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  beforeEach(async () => {
    // Warm the caches: the same questions asked three times answer the same.
    for (const url of [PEOPLE, UNITS]) {
      const first = await read('staff', url);
      expect(await read('staff', url)).toEqual(first);
      expect(await read('staff', url)).toEqual(first);
    }
  });

  it('a nomination approved through the app is listed and counted on the very next request', async () => {
    const before = await read<People>('staff', PEOPLE);
    const units = await read<Units>('staff', UNITS);
    const id = await approveNext('李四');
    const after = await read<People>('staff', PEOPLE);
    expect(after.total).toBe(before.total + 1);
    expect(after.items.map((p) => p.personId)).toContain(id);
    const people = (u: Units) => u.units.reduce((n, x) => n + x.people, 0);
    expect(people(await read<Units>('staff', UNITS))).toBe(people(units) + 1);
  });

  it('the requirement changed through the app is answered at once', async () => {
    const settings = await read<{ version: number }>('staff', '/api/training/settings');
    const res = await as.staff!.request({
      method: 'PUT',
      url: '/api/training/settings',
      payload: { requiredHours: 2 },
      ifMatch: settings.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await read<People>('staff', PEOPLE)).requiredHours).toBe(2);
    expect((await read<Units>('staff', UNITS)).requiredHours).toBe(2);
  });

  it('hours changed through another connection are answered as they now are', async () => {
    const [zhang] = (await read<People>('staff', PEOPLE)).items.filter((p) => p.name === '张三');
    const units = await read<Units>('staff', UNITS);
    await other.kysely
      .updateTable('training_person_hours')
      .set({ tenths: 35 })
      .where('person_id', '=', zhang!.personId)
      .where('year', '=', 2026)
      .execute();
    const after = (await read<People>('staff', PEOPLE)).items.find((p) => p.personId === zhang!.personId);
    expect(after?.hours).toBe(3.5);
    const sum = (u: Units) => u.units.reduce((n, x) => n + x.hours, 0);
    expect(sum(await read<Units>('staff', UNITS))).toBe(sum(units) - zhang!.hours + 3.5);
  });

  it('readers of different scope asking the same query never get each other’s answer', async () => {
    for (let i = 0; i < 2; i++) {
      const province = await read<People>('staff', PEOPLE);
      const jinan = await read<People>('jinan_staff', PEOPLE);
      const unit = await read<People>('handler', PEOPLE);
      expect(province.items.map((p) => p.name)).toEqual(expect.arrayContaining(['张三', '李四']));
      // 张三 and 李四 are of a provincial unit: not 济南's; the unit's own handler sees them.
      expect(jinan.items.map((p) => p.name)).not.toContain('张三');
      expect(unit.items.map((p) => p.name)).toEqual(expect.arrayContaining(['张三', '李四']));
      expect((await read<Units>('jinan_staff', UNITS)).units.length).toBeLessThan(
        (await read<Units>('staff', UNITS)).units.length,
      );
    }
  });

  it('without a year the answer follows the clock into the next year, nothing written', async () => {
    // Seconds before midnight, asked twice (the second answer kept), then half a minute later.
    t.clock.set(new Date('2026-12-31T23:59:40+08:00'));
    for (let i = 0; i < 2; i++) {
      expect((await read<People>('staff', '/api/training/people')).year).toBe(2026);
      expect((await read<Units>('staff', '/api/training/units')).year).toBe(2026);
    }
    t.clock.advance(30_000);
    const people = await read<People>('staff', '/api/training/people');
    expect(people).toMatchObject({ year: 2027, total: 0 });
    expect((await read<Units>('staff', '/api/training/units')).year).toBe(2027);
  });
});
