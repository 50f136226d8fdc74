import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type TestApp } from '../../../test/app.ts';
import { buildServices } from '../../app.ts';
import type { Services } from '../../core/services.ts';
import { createPostgresDb } from '../../db/dialect/postgres.ts';
import type { Db } from '../../db/connect.ts';
import { runReminders } from './reminder.job.ts';
import { TASK_DEADLINE_SOURCES } from './reminder.sources.ts';

// Two app processes on one PostgreSQL database (two Services, each with its own connection pool) run the
// reminder pass at the same moment, several times over: the ledger's key lets each step out once.
describe.runIf(process.env.TEST_DATABASE_URL)('reminders: two processes at once (postgres)', () => {
  let t: TestApp;
  let second: Db;
  let s2: Services;
  const TASKS = 12;
  const taskIds: number[] = [];

  beforeAll(async () => {
    t = await createTestApp('postgres');
    const world = await seedDemo(t);
    const staff = await world.signIn('staff');
    const ndrc = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '山东省发展和改革委员会')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < TASKS; i++) {
      const res = await staff.post(
        '/api/tasks',
        {
          source: 'leader',
          title: `并发提醒任务 ${i + 1}`,
          leadUnitId: ndrc.id,
          assign: true,
          startDate: '2026-03-01',
          dueDate: '2026-03-12',
          cycle: 'none',
        },
        { 'idempotency-key': idempotencyKey() },
      );
      expect(res.statusCode, res.body).toBe(201);
      taskIds.push(res.json<{ id: number }>().id);
    }
    second = createPostgresDb(t.db.location, { schema: t.db.schema!, max: 4 });
    s2 = buildServices({ config: t.config, db: second, clock: t.clock, secretKey: t.secretKey });
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  const race = async () => {
    const runs = await Promise.all(
      [t.s, s2, t.s, s2].map((s) =>
        runReminders(s, { actor: null, ip: 'job', requestId: 'race-test' }, TASK_DEADLINE_SOURCES),
      ),
    );
    return runs.reduce((n, r) => n + r.sent, 0);
  };
  const count = async (table: 'messages' | 'reminder_ledger' | 'audit_log', where: [string, string]) =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where(where[0] as never, '=', where[1] as never)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('sends each reminder and each escalation step exactly once', async () => {
    // Monday 9 March: the tasks are due Thursday 12 March, 3 working days ahead.
    t.clock.set(new Date('2026-03-09T09:00:00+08:00'));
    expect(await race()).toBe(TASKS);
    expect(await race()).toBe(0);
    expect(await count('reminder_ledger', ['step', '0'])).toBe(TASKS);
    // The handler (张华) got one reminder per task, and the audit one event per task.
    const handler = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'handler')
      .executeTakeFirstOrThrow();
    const mine = await t.db.kysely
      .selectFrom('messages')
      .select(['object_id'])
      .where('recipient_id', '=', handler.id)
      .where('kind', '=', 'reminder.due')
      .execute();
    expect(mine.map((m) => Number(m.object_id)).sort((a, b) => a - b)).toEqual(taskIds);
    expect(await count('audit_log', ['action', 'reminder.send'])).toBe(TASKS);

    // Friday 13 March: 1 working day overdue, step 1 once per task, however many runs.
    t.clock.set(new Date('2026-03-13T09:00:00+08:00'));
    expect(await race()).toBe(TASKS);
    expect(await race()).toBe(0);
    const escalations = await t.db.kysely
      .selectFrom('messages')
      .select(['object_id'])
      .where('recipient_id', '=', handler.id)
      .where('kind', '=', 'escalation.step')
      .execute();
    expect(escalations.map((m) => Number(m.object_id)).sort((a, b) => a - b)).toEqual(taskIds);
    // The unit's two handlers (张华, and 刘强 its head) were each told once per task.
    expect(await count('messages', ['kind', 'escalation.step'])).toBe(2 * TASKS);
    expect(await count('audit_log', ['action', 'escalation.send'])).toBe(TASKS);
  });
});
