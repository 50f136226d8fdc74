import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { loadWorkingDays } from './index.ts';

interface YearOut {
  year: number;
  source: string;
  days: { day: string; kind: string; name: string; origin: string; version: number }[];
  workingDays: number;
  canCorrect: boolean;
}

describe.each(DIALECTS)('the holiday calendar (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let jinan: Agent;
  let handler: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    jinan = await world.signIn('jinan_staff');
    handler = await world.signIn('handler');
  });
  afterAll(() => t.close());

  const year = async (agent: Agent, y: number) => {
    const res = await agent.get(`/api/calendar?year=${y}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<YearOut>();
  };
  const remove = (agent: Agent, day: string, version: number) =>
    agent.request({ method: 'DELETE', url: `/api/calendar/days?day=${day}`, ifMatch: version });
  const audits = (day: string) =>
    t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('object_type', '=', 'calendar_day')
      .where('object_id', '=', day)
      .orderBy('id')
      .execute();

  it('shows every business user the shipped arrangement, official or provisional', async () => {
    const y2026 = await year(handler, 2026);
    expect(y2026.source).toBe('official');
    expect(y2026.canCorrect).toBe(false);
    expect((await year(jinan, 2026)).canCorrect).toBe(false);
    expect((await year(staff, 2026)).canCorrect).toBe(true);
    expect(y2026.days).toContainEqual(
      expect.objectContaining({ day: '2026-02-14', kind: 'workday', origin: 'shipped', version: 0 }),
    );
    expect((await year(handler, 2027)).source).toBe('provisional');
    expect((await handler.get('/api/calendar?year=1999')).statusCode).toBe(400);
  });

  it('lets the provincial staff publish next year’s arrangement, audited, and every deadline follows it', async () => {
    // The State Council's notice for 2027 moves a working Saturday: staff enter it.
    const before = await year(staff, 2027);
    expect(before.days.find((d) => d.day === '2027-02-20')).toBeUndefined();
    const saved = await staff.put(
      '/api/calendar/days',
      { day: '2027-02-20', kind: 'workday', name: '春节' },
      0,
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const after = saved.json<YearOut>();
    expect(after.days).toContainEqual(
      expect.objectContaining({ day: '2027-02-20', kind: 'workday', origin: 'staff', version: 1 }),
    );
    expect(after.workingDays).toBe(before.workingDays + 1);
    // The arithmetic the later modules use reads the same correction.
    const calendar = await loadWorkingDays(t.db.kysely, 2027, 2027);
    expect(calendar.isWorkingDay('2027-02-20')).toBe(true);

    // A second "first" correction of the same day is a stale write; so is an old version.
    expect(
      (await staff.put('/api/calendar/days', { day: '2027-02-20', kind: 'holiday', name: '春节' }, 0))
        .statusCode,
    ).toBe(412);
    const holiday = await staff.put(
      '/api/calendar/days',
      { day: '2027-02-09', kind: 'holiday', name: '春节' },
      0,
    );
    expect(holiday.statusCode, holiday.body).toBe(200);
    expect((await loadWorkingDays(t.db.kysely, 2027, 2027)).isWorkingDay('2027-02-09')).toBe(false);

    // Restoring drops the correction: the shipped arrangement applies again.
    expect((await remove(staff, '2027-02-09', 7)).statusCode).toBe(412);
    const restored = await remove(staff, '2027-02-09', 1);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json<YearOut>().days.find((d) => d.day === '2027-02-09')).toBeUndefined();
    expect((await remove(staff, '2027-02-09', 1)).statusCode).toBe(404);

    const trail = await audits('2027-02-09');
    expect(trail.map((a) => a.action)).toEqual(['calendar.update', 'calendar.restore']);
    expect(JSON.parse(trail[0]!.detail!)).toMatchObject({
      before: { kind: 'ordinary' },
      after: { kind: 'holiday', name: '春节' },
    });
  });

  it('keeps the calendar with the provincial staff: a city’s staff and a handler are refused, nothing saved', async () => {
    const body = { day: '2027-03-06', kind: 'workday', name: '春节' };
    const city = await jinan.put('/api/calendar/days', body, 0);
    expect(city.statusCode).toBe(403);
    expect(city.json<{ message: string }>().message).toContain('省级统战部');
    expect((await handler.put('/api/calendar/days', body, 0)).statusCode).toBe(403);
    expect(await audits('2027-03-06')).toEqual([]);
    expect((await year(staff, 2027)).days.find((d) => d.day === '2027-03-06')).toBeUndefined();
  });

  it('refuses a bad day or kind with a message on the field', async () => {
    for (const [body, text] of [
      [{ day: '2027-02-30', kind: 'holiday', name: '春节' }, '日期不存在'],
      [{ day: '27-2-3', kind: 'holiday', name: '春节' }, 'YYYY-MM-DD'],
      [{ day: '2027-02-03', kind: 'holiday', name: '' }, '请填写所属节日'],
    ] as const) {
      const res = await staff.put('/api/calendar/days', body, 0);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(text);
    }
    expect(
      (await staff.put('/api/calendar/days', { day: '2027-02-03', kind: 'holiday', name: '春节' }))
        .statusCode,
    ).toBe(428);
  });
});
