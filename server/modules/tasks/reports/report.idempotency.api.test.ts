// A report submission's Idempotency-Key is claimed and answered in the submission's own transaction
// (core/http/idempotency.transaction.ts): the guarantees of the key on every create, kept with one commit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';

describe.each(DIALECTS)('Idempotency-Key on report submission (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let jinan: Agent;
  let unitId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    t.clock.set(new Date('2026-01-20T09:00:00+08:00'));
    staff = await world.signIn('staff');
    jinan = await world.signIn('jinan_staff');
    const unit = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '中共济南市委统战部')
      .executeTakeFirstOrThrow();
    unitId = unit.id;
  });
  afterAll(() => t.close());

  /** A task signed by 济南: its January report is open. */
  async function openReport(title: string) {
    const res = await staff.post('/api/tasks', {
      source: 'leader',
      title,
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      cycle: 'monthly',
      leadUnitId: unitId,
      assign: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const task = res.json<{ id: number; version: number }>();
    const signed = await jinan.request({
      method: 'POST',
      url: `/api/tasks/${task.id}/sign`,
      payload: {},
      ifMatch: task.version,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const form = await jinan.get(`/api/tasks/${task.id}/reports/2026-01/draft`);
    expect(form.statusCode, form.body).toBe(200);
    return { taskId: task.id, version: form.json<{ version: number }>().version };
  }

  const submit = (taskId: number, version: number, key: string, body: object) =>
    jinan.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/reports/2026-01/submit`,
      payload: body,
      ifMatch: version,
      headers: { 'idempotency-key': key },
    });

  const submissions = async (taskId: number) => {
    const report = await t.db.kysely
      .selectFrom('progress_reports')
      .select(['id', 'version', 'status'])
      .where('task_id', '=', taskId)
      .where('period_key', '=', '2026-01')
      .executeTakeFirstOrThrow();
    const audits = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'report.submit')
      .where('object_id', '=', String(report.id))
      .execute();
    return { report, audits: audits.length };
  };

  it('replays the stored answer byte for byte and submits once', async () => {
    const { taskId, version } = await openReport('幂等报送一');
    const key = idempotencyKey();
    const body = { percent: 30, narrative: '完成调研' };
    const first = await submit(taskId, version, key, body);
    expect(first.statusCode, first.body).toBe(200);
    const replay = await submit(taskId, version, key, body);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);
    expect(await submissions(taskId)).toMatchObject({ report: { status: 'submitted' }, audits: 1 });
    // Stored sealed, as every answer is.
    const stored = await t.db.kysely
      .selectFrom('idempotency_keys')
      .select(['status_code', 'body'])
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(stored.status_code).toBe(200);
    expect(stored.body).not.toContain('完成调研');
  });

  it('refuses the key with another body or on another report with 409', async () => {
    const { taskId, version } = await openReport('幂等报送二');
    const key = idempotencyKey();
    expect((await submit(taskId, version, key, { percent: 30 })).statusCode).toBe(200);
    const changed = await submit(taskId, version, key, { percent: 40 });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const other = await openReport('幂等报送三');
    const elsewhere = await submit(other.taskId, other.version, key, { percent: 30 });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await submissions(other.taskId)).toMatchObject({ report: { status: 'due' }, audits: 0 });
  });

  it('submits once when two requests race with one key', async () => {
    const { taskId, version } = await openReport('幂等报送四');
    const key = idempotencyKey();
    const body = { percent: 50, narrative: '同一请求' };
    const answers = await Promise.all([
      submit(taskId, version, key, body),
      submit(taskId, version, key, body),
    ]);
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses[0]).toBe(200);
    // The second waited for the first's transaction: told it was in progress, or given its answer.
    const second = answers.find((a) => a.statusCode !== 200 || a.headers['idempotent-replayed']);
    if (second?.statusCode === 409) expect(second.json()).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
    expect(await submissions(taskId)).toMatchObject({ report: { status: 'submitted' }, audits: 1 });
  });

  it('keeps nothing of a refused submission, so the key may be retried', async () => {
    const { taskId, version } = await openReport('幂等报送五');
    const key = idempotencyKey();
    const stale = await submit(taskId, version + 1, key, { percent: 20 });
    expect(stale.statusCode).toBe(412);
    const bad = await submit(taskId, version, key, { percent: 20, narrative: 'x'.repeat(100_000) });
    expect(bad.statusCode).toBe(400);
    const good = await submit(taskId, version, key, { percent: 20 });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
    expect(await submissions(taskId)).toMatchObject({ report: { status: 'submitted' }, audits: 1 });
  });

  it('submits without a key as before, in one transaction', async () => {
    const { taskId, version } = await openReport('幂等报送六');
    const res = await jinan.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/reports/2026-01/submit`,
      payload: { percent: 10 },
      ifMatch: version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await submissions(taskId)).toMatchObject({ report: { status: 'submitted' }, audits: 1 });
  });
});
