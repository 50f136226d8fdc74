import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { buildServices } from '../../app.ts';
import { HOUR } from '../../core/clock.ts';
import { startJobRunner, type JobRunner } from '../../core/jobs/job.runner.ts';
import { createPostgresDb } from '../../db/dialect/postgres.ts';
import { JOB_HANDLERS } from '../../jobs.ts';
import { tasksDailySchedule } from './task.daily.ts';

interface TaskOut {
  id: number;
  version: number;
  health: string;
  healthReasons: { code: string; message: string }[];
}

// Time passing: the daily job opens report periods and recolours tasks as the clock moves.
describe.each(DIALECTS)('tasks: the daily job (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let world: Awaited<ReturnType<typeof seedDemo>>;
  let runner: JobRunner;
  const unit: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    staff = await world.signIn('staff');
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    // The daily schedule alone: the counts below are of its runs (other schedules, e.g. the 5-minute
    // digest, would add theirs).
    runner = startJobRunner(t.s, JOB_HANDLERS, { schedules: [tasksDailySchedule], pollMs: 0 });
  });
  afterAll(async () => {
    await runner.stop();
    await t.close();
  });

  // Weeks pass in these tests: a session from before would have expired, so sign in again.
  const moveTo = async (at: string) => {
    t.clock.set(new Date(at));
    staff = await world.signIn('staff');
  };
  const create = async (body: object) => {
    const res = await staff.post('/api/tasks', {
      source: 'leader',
      title: '开展民营经济人士理想信念教育',
      leadUnitId: unit['山东省发展和改革委员会'],
      assign: true,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<TaskOut>();
  };
  const reportKeys = async (taskId: number) =>
    (
      await t.db.kysely
        .selectFrom('progress_reports')
        .select(['period_key', 'status', 'region_path', 'lead_unit_id'])
        .where('task_id', '=', taskId)
        .orderBy('period_key')
        .execute()
    ).map((r) => `${r.period_key}:${r.status}`);
  const history = async (taskId: number) =>
    (
      await t.db.kysely
        .selectFrom('task_health_history')
        .select(['health', 'at', 'reasons'])
        .where('task_id', '=', taskId)
        .orderBy('id')
        .execute()
    ).map((h) => ({ ...h, codes: (JSON.parse(h.reasons) as { code: string }[]).map((r) => r.code) }));
  const dailyAudits = () =>
    t.db.kysely
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', 'task.health.daily')
      .execute();

  it('opens the report rows of the periods that have begun, not those due before the assignment', async () => {
    // The clock stands at 2026-03-01 09:00 (+08:00): January's report was due 5 February, before the
    // task was assigned today, so it is not owed; February's (due 5 March) and March's are, and their rows
    // open with the assignment. The daily job opens the later ones as their periods begin.
    const task = await create({ startDate: '2026-01-01', dueDate: '2026-06-30', cycle: 'monthly' });
    const stored = await t.db.kysely
      .selectFrom('tasks')
      .select('assigned_at')
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(stored.assigned_at).toBe('2026-03-01T09:00:00.000+08:00');
    expect(await reportKeys(task.id)).toEqual(['2026-02:due', '2026-03:due']);
    expect(await runner.runDue()).toBeGreaterThan(0);
    expect(await reportKeys(task.id)).toEqual(['2026-02:due', '2026-03:due']);
    const row = await t.db.kysely
      .selectFrom('progress_reports')
      .selectAll()
      .where('task_id', '=', task.id)
      .executeTakeFirstOrThrow();
    const own = await t.db.kysely
      .selectFrom('tasks')
      .selectAll()
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      region_path: own.region_path,
      manager_region_path: own.manager_region_path,
      lead_unit_id: own.lead_unit_id,
      period_start: '2026-02-01',
      period_end: '2026-02-28',
      // 5 working days after Saturday 28 February (the holiday calendar), not 5 calendar days.
      due_date: '2026-03-06',
    });
    // Nothing more the same day; April's row appears when April begins (the 00:30 run of 1 April).
    expect(await runner.runDue()).toBe(0);
    // (A run missed while no server was up still happens, late, judged by the day it runs.)
    t.clock.set(new Date('2026-03-31T23:59:00+08:00'));
    await runner.runDue();
    expect(await reportKeys(task.id)).not.toContain('2026-04:due');
    t.clock.set(new Date('2026-04-01T00:30:00+08:00'));
    expect(await runner.runDue()).toBe(1);
    expect(await reportKeys(task.id)).toEqual(['2026-02:due', '2026-03:due', '2026-04:due']);
    // One summary audit event per run, done by the system.
    const audits = await dailyAudits();
    expect(audits.length).toBeGreaterThanOrEqual(2);
    expect(audits.every((a) => a.actor_id === null)).toBe(true);
  });

  it('turns a task red when the clock passes its due date, and keeps the red in its history after it recovers', async () => {
    await moveTo('2026-04-01T09:00:00+08:00');
    const task = await create({ startDate: '2026-04-01', dueDate: '2026-04-20', cycle: 'none' });
    expect(task.health).not.toBe('red');
    await moveTo('2026-04-20T12:00:00+08:00');
    await runner.runDue();
    let page = (await staff.get(`/api/tasks/${task.id}`)).json<TaskOut>();
    expect(page.healthReasons.map((r) => r.code)).not.toContain('TASK_OVERDUE');
    await moveTo('2026-04-21T00:30:00+08:00');
    await runner.runDue();
    page = (await staff.get(`/api/tasks/${task.id}`)).json<TaskOut>();
    expect(page.health).toBe('red');
    expect(page.healthReasons.map((r) => r.code)).toContain('TASK_OVERDUE');
    const red = (await history(task.id)).at(-1)!;
    expect(red).toMatchObject({ health: 'red', at: '2026-04-21T00:30:00.000+08:00' });
    expect(red.codes).toContain('TASK_OVERDUE');
    const events = await t.db.kysely
      .selectFrom('task_events')
      .select(['kind', 'detail'])
      .where('task_id', '=', task.id)
      .where('kind', '=', 'health_changed')
      .execute();
    expect(events.some((e) => (JSON.parse(e.detail) as { to: string }).to === 'red')).toBe(true);

    // The deadline is moved: the task recovers, and April's red stays in the record.
    const res = await staff.request({
      method: 'PATCH',
      url: `/api/tasks/${task.id}`,
      payload: { dueDate: '2026-12-31' },
      ifMatch: page.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TaskOut>().health).not.toBe('red');
    const after = await history(task.id);
    expect(after.at(-1)!.health).not.toBe('red');
    expect(after.some((h) => h.health === 'red' && h.at === '2026-04-21T00:30:00.000+08:00')).toBe(true);
  });

  it.runIf(dialect === 'postgres')('two app instances on one database pass the day once', async () => {
    await moveTo('2026-04-22T09:00:00+08:00');
    const task = await create({ startDate: '2026-04-01', dueDate: '2026-04-25', cycle: 'none' });
    const second = createPostgresDb(t.db.location, { schema: t.db.schema!, max: 4 });
    const s2 = buildServices({ config: t.config, db: second, clock: t.clock, secretKey: t.secretKey });
    const other = startJobRunner(s2, JOB_HANDLERS, { schedules: [tasksDailySchedule], pollMs: 0 });
    try {
      // Both catch up to the eve of the due day, then race for the morning's run.
      t.clock.set(new Date('2026-04-25T12:00:00+08:00'));
      await Promise.all([runner.runDue(), other.runDue()]);
      t.clock.set(new Date('2026-04-26T00:30:00+08:00'));
      const before = (await dailyAudits()).length;
      const ran = await Promise.all([runner.runDue(), other.runDue(), runner.runDue(), other.runDue()]);
      expect(ran.reduce((a, b) => a + b, 0)).toBe(1);
      expect((await dailyAudits()).length).toBe(before + 1);
      const jobs = await t.db.kysely
        .selectFrom('jobs')
        .select(['key', 'status'])
        .where('key', '=', 'tasks.daily:2026-04-26')
        .execute();
      expect(jobs).toEqual([{ key: 'tasks.daily:2026-04-26', status: 'done' }]);
      expect((await history(task.id)).filter((h) => h.health === 'red')).toHaveLength(1);
      t.clock.advance(HOUR);
      expect((await Promise.all([runner.runDue(), other.runDue()])).reduce((a, b) => a + b, 0)).toBe(0);
    } finally {
      await other.stop();
      await second.close();
    }
  });
});
