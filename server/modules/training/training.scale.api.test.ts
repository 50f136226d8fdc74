// A province holds thousands of people in training a year. The per-unit summary and the shortfall
// reminders must count every one of them, and the people list says how many it leaves out: more people
// than the list shows are written here (as the services would leave them), and the figures compared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { PEOPLE_PAGE } from './training.hours.service.ts';
import { startJobRunner } from '../../core/jobs/job.runner.ts';
import { trainingShortfall, trainingShortfallSchedule } from './training.job.ts';

// More than ten pages of the people list.
const PEOPLE = PEOPLE_PAGE * 10 + 150;
const AT = '2026-05-01T09:00:00.000+08:00';

describe.each(DIALECTS)('training figures count everyone (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  const units: number[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date(AT));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    const db = t.db.kysely;
    for (const u of await db
      .selectFrom('units')
      .select('id')
      .where('region_code', '=', '370000')
      .limit(3)
      .execute())
      units.push(u.id);
    const plan = await db
      .insertInto('training_plans')
      .values({
        region_code: '370000',
        region_path: '370000',
        year: 2026,
        title: '2026年干部培训计划',
        status: 'approved',
        approved_by: null,
        approved_at: AT,
        created_by: null,
        created_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const course = await db
      .insertInto('training_courses')
      .values({
        plan_id: plan.id,
        title: '党外干部培训班',
        organiser: '社会主义学院',
        place: '济南',
        starts_on: '2026-04-01',
        ends_on: '2026-04-03',
        places_per_unit: 1000,
        status: 'closed',
        closed_at: AT,
        created_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const people = Array.from({ length: PEOPLE }, (_, i) => ({
      unit_id: units[i % units.length]!,
      user_id: null,
      name: `学员${String(i).padStart(4, '0')}`,
      title: null,
      created_at: AT,
    }));
    const ids: number[] = [];
    for (let i = 0; i < people.length; i += 200) {
      const rows = await db
        .insertInto('training_people')
        .values(people.slice(i, i + 200))
        .returning(['id', 'unit_id'])
        .execute();
      ids.push(...rows.map((r) => r.id));
      await db
        .insertInto('training_nominations')
        .values(
          rows.map((r) => ({
            course_id: course.id,
            unit_id: r.unit_id,
            person_id: r.id,
            status: 'approved' as const,
            reason: null,
            nominated_by: null,
            decided_by: null,
            decided_at: AT,
            created_at: AT,
            updated_at: AT,
          })),
        )
        .execute();
      // Every third person has the whole requirement (40 hours), the others 7.5.
      await db
        .insertInto('training_credits')
        .values(
          rows.map((r, j) => ({
            course_id: course.id,
            person_id: r.id,
            unit_id: r.unit_id,
            year: 2026,
            hours_tenths: (i + j) % 3 === 0 ? 400 : 75,
            issued_at: AT,
          })),
        )
        .execute();
      // … and their hours of the year beside the credits, as closing the course keeps them.
      await db
        .insertInto('training_person_hours')
        .values(
          rows.map((r, j) => ({
            year: 2026,
            person_id: r.id,
            unit_id: r.unit_id,
            tenths: (i + j) % 3 === 0 ? 400 : 75,
          })),
        )
        .execute();
    }
    expect(ids).toHaveLength(PEOPLE);
  });
  afterAll(() => t.close());

  const complete = Math.ceil(PEOPLE / 3);

  it('sums every person per unit, past what the people list shows', async () => {
    const res = await staff.get('/api/training/units?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json<{
      units: { unitId: number; people: number; completed: number; short: number }[];
    }>();
    const ours = summary.units.filter((u) => units.includes(u.unitId));
    expect(ours.reduce((n, u) => n + u.people, 0)).toBe(PEOPLE);
    expect(ours.reduce((n, u) => n + u.completed, 0)).toBe(complete);
    expect(ours.reduce((n, u) => n + u.short, 0)).toBe(PEOPLE - complete);
  });

  it('pages the units, most short first, with the totals of every unit', async () => {
    type Units = {
      total: number;
      offset: number;
      totals: { people: number; completed: number; short: number; hours: number };
      units: { unitId: number; people: number; completed: number; short: number; hours: number }[];
    };
    const all = (await staff.get('/api/training/units?year=2026&limit=100')).json<Units>();
    expect(all.total).toBe(all.units.length);
    expect(all.total).toBeGreaterThanOrEqual(3);
    const sum = (k: 'people' | 'completed' | 'short') => all.units.reduce((n, u) => n + u[k], 0);
    expect(all.totals).toMatchObject({
      people: sum('people'),
      completed: sum('completed'),
      short: sum('short'),
    });
    expect(all.totals.people).toBeGreaterThanOrEqual(PEOPLE);
    for (let i = 1; i < all.units.length; i++)
      expect(all.units[i - 1]!.short).toBeGreaterThanOrEqual(all.units[i]!.short);
    // One unit a page, walked to the end: the same units in the same order, the totals on every page.
    const walked: number[] = [];
    for (let offset = 0; offset < all.total; offset++) {
      const page = (await staff.get(`/api/training/units?year=2026&limit=1&offset=${offset}`)).json<Units>();
      expect(page).toMatchObject({ total: all.total, offset, totals: all.totals });
      walked.push(...page.units.map((u) => u.unitId));
    }
    expect(walked).toEqual(all.units.map((u) => u.unitId));
    const past = (await staff.get(`/api/training/units?year=2026&offset=${all.total}`)).json<Units>();
    expect(past.units).toEqual([]);
    // The default page is 20 units.
    const first = (await staff.get('/api/training/units?year=2026')).json<Units>();
    expect(first.units).toHaveLength(Math.min(20, all.total));
    for (const bad of ['limit=0', 'limit=101', 'offset=-1', 'limit=abc'])
      expect((await staff.get(`/api/training/units?year=2026&${bad}`)).statusCode).toBe(400);
  });

  type People = { items: { personId: number; shortBy: number }[]; total: number; offset: number };

  it('lists people a page at a time with the count of all, short ones filtered before paging', async () => {
    const first = (await staff.get('/api/training/people?year=2026')).json<People>();
    expect(first.items).toHaveLength(PEOPLE_PAGE);
    expect(first).toMatchObject({ total: PEOPLE, offset: 0 });
    // The pages of 100, walked to the end: everyone once, in the same order as the first page.
    const walked: number[] = [];
    for (let offset = 0; offset < PEOPLE; offset += 100) {
      const page = (
        await staff.get(`/api/training/people?year=2026&limit=100&offset=${offset}`)
      ).json<People>();
      expect(page).toMatchObject({ total: PEOPLE, offset });
      walked.push(...page.items.map((p) => p.personId));
    }
    expect(walked).toHaveLength(PEOPLE);
    expect(new Set(walked).size).toBe(PEOPLE);
    expect(walked.slice(0, PEOPLE_PAGE)).toEqual(first.items.map((p) => p.personId));
    const past = (await staff.get(`/api/training/people?year=2026&offset=${PEOPLE}`)).json<People>();
    expect(past).toMatchObject({ items: [], total: PEOPLE });

    const short = (await staff.get('/api/training/people?year=2026&short=true&limit=100')).json<People>();
    expect(short.total).toBe(PEOPLE - complete);
    expect(short.items).toHaveLength(Math.min(100, PEOPLE - complete));
    expect(short.items.every((p) => p.shortBy > 0)).toBe(true);
    for (const bad of ['limit=0', 'limit=101', 'offset=-1', 'offset=100001', 'limit=abc'])
      expect((await staff.get(`/api/training/people?year=2026&${bad}`)).statusCode).toBe(400);
  });

  it('reminds everyone short of hours, on 1 October', async () => {
    const runner = startJobRunner(t.s, [trainingShortfall], {
      pollMs: 0,
      schedules: [trainingShortfallSchedule],
    });
    try {
      t.clock.set(new Date('2026-10-01T09:00:00+08:00'));
      await runner.runDue();
    } finally {
      await runner.stop();
    }
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'training_shortfall.remind')
      .executeTakeFirstOrThrow();
    expect(audit.detail).toContain(`"people":${PEOPLE - complete}`);
  });
});
