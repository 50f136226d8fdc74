import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildServices } from '../../app.ts';
import { testConfig } from '../../../test/app.ts';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/db.ts';
import { DAY, HOUR, ManualClock, MINUTE, toTimestamp } from '../clock.ts';
import type { Services } from '../services.ts';
import { retryDelayMs } from './job.backoff.ts';
import { defineJob, defineSchedule, type JobDefinition } from './job.define.ts';
import { enqueueJob } from './job.enqueue.ts';
import { startJobRunner, type JobRunner, type JobRunnerOptions } from './job.runner.ts';
import { claimNextJob, markJobDone } from './jobs.repository.ts';
import { formatJobs } from './jobs.cli.ts';
import { pruneJobs } from './jobs.prune.ts';
import { listJobs } from './jobs.service.ts';

const SECOND = 1000;

describe('retry backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, 30 * SECOND, 3 * MINUTE))).toEqual([
      30 * SECOND,
      60 * SECOND,
      120 * SECOND,
      180 * SECOND,
      180 * SECOND,
      180 * SECOND,
    ]);
    expect(retryDelayMs(5000, 30 * SECOND, HOUR)).toBe(HOUR);
  });
});

describe.each(DIALECTS)('job runner (%s)', (dialect) => {
  let db: TestDb;
  let clock: ManualClock;
  let s: Services;
  const runners: JobRunner[] = [];
  const ran: { kind: string; payload: unknown; attempt: number; at: string }[] = [];

  const echo = defineJob({
    kind: 'test.echo',
    payload: z.object({ n: z.number().int() }),
    run: async (_s, payload, ctx) => {
      ran.push({ kind: 'test.echo', payload, attempt: ctx.attempt, at: toTimestamp(clock.now()) });
    },
  });
  let failuresLeft = 0;
  const flaky = defineJob({
    kind: 'test.flaky',
    payload: z.object({}),
    maxAttempts: 3,
    run: async (_s, _payload, ctx) => {
      ran.push({ kind: 'test.flaky', payload: {}, attempt: ctx.attempt, at: toTimestamp(clock.now()) });
      if (failuresLeft-- > 0) throw new Error(`连接超时（第 ${ctx.attempt} 次）`);
    },
  });

  function runner(handlers: JobDefinition[] = [echo, flaky], options: JobRunnerOptions = {}) {
    const r = startJobRunner(s, handlers, { pollMs: 0, backoffBaseMs: 30 * SECOND, ...options });
    runners.push(r);
    return r;
  }
  const enqueue = <P>(job: JobDefinition<P>, payload: P, runAt: Date, key?: string) =>
    db.kysely
      .transaction()
      .execute((trx) => enqueueJob(trx, { kind: job, payload, runAt, ...(key ? { key } : {}) }, clock));
  const job = async (id: number) => (await listJobs(s, { limit: 500 })).find((j) => j.id === id)!;

  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await db.kysely.deleteFrom('jobs').execute();
    ran.length = 0;
    failuresLeft = 0;
    clock = new ManualClock(new Date('2026-03-01T09:00:00+08:00'));
    s = buildServices({ config: testConfig(), db, clock, secretKey: crypto.randomBytes(32) });
  });

  it('enqueues a keyed job once, however often it is asked for', async () => {
    const first = await enqueue(echo, { n: 1 }, clock.now(), 'health.daily:2026-03-01');
    const again = await enqueue(echo, { n: 2 }, clock.now(), 'health.daily:2026-03-01');
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const unkeyed = await Promise.all([
      enqueue(echo, { n: 3 }, clock.now()),
      enqueue(echo, { n: 3 }, clock.now()),
    ]);
    expect(unkeyed.every((e) => e.created)).toBe(true);
    expect(await listJobs(s)).toHaveLength(3);
    expect((await job(first.id)).status).toBe('pending');
  });

  it('refuses a payload its handler would not accept, and rolls back with the transaction', async () => {
    await expect(enqueue(echo, { n: 'x' } as unknown as { n: number }, clock.now())).rejects.toThrow();
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await enqueueJob(trx, { kind: echo, payload: { n: 1 }, runAt: clock.now() }, clock);
        throw new Error('the change that caused the job failed');
      }),
    ).rejects.toThrow();
    expect(await listJobs(s)).toEqual([]);
  });

  it('runs a job when it is due by the clock, not before, and once', async () => {
    const { id } = await enqueue(echo, { n: 7 }, new Date(clock.now().getTime() + HOUR));
    const r = runner();
    expect(await r.tick()).toBe(0);
    clock.advance(HOUR - 1);
    expect(await r.runDue()).toBe(0);
    clock.advance(1);
    expect(await r.tick()).toBe(1);
    expect(await r.runDue()).toBe(0);
    expect(ran).toEqual([
      { kind: 'test.echo', payload: { n: 7 }, attempt: 1, at: '2026-03-01T10:00:00.000+08:00' },
    ]);
    const done = await job(id);
    expect(done).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lockedUntil: null });
    expect(done.finishedAt).toBe('2026-03-01T10:00:00.000+08:00');
  });

  it('retries a failed job with exponential backoff, keeping its last error, then gives up (dead)', async () => {
    failuresLeft = 5;
    const { id } = await enqueue(flaky, {}, clock.now());
    const r = runner();
    expect(await r.tick()).toBe(1);
    expect(await job(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      maxAttempts: 3,
      lastError: '连接超时（第 1 次）',
      lastErrorAt: '2026-03-01T09:00:00.000+08:00',
      runAt: '2026-03-01T09:00:30.000+08:00', // base 30 s
    });
    clock.advance(30 * SECOND - 1);
    expect(await r.runDue()).toBe(0);
    clock.advance(1);
    expect(await r.runDue()).toBe(1);
    expect(await job(id)).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: '连接超时（第 2 次）',
      runAt: '2026-03-01T09:01:30.000+08:00', // then 60 s
    });
    clock.advance(60 * SECOND);
    expect(await r.runDue()).toBe(1);
    const dead = await job(id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, lastError: '连接超时（第 3 次）' });
    expect(dead.finishedAt).toBe('2026-03-01T09:01:30.000+08:00');
    clock.advance(DAY);
    expect(await r.runDue()).toBe(0);
    expect(ran.map((x) => x.attempt)).toEqual([1, 2, 3]);
    // Dead jobs stay visible, with their error, in the list and on the console.
    expect(await listJobs(s, { status: 'dead' })).toHaveLength(1);
    expect(formatJobs(await listJobs(s))).toMatch(/test\.flaky\s+dead\s+3\/3\s+.*连接超时（第 3 次）/);
  });

  it('writes each outcome to the log: done, retrying, dead', async () => {
    const lines: { level: string; msg: string; fields: Record<string, unknown> }[] = [];
    const collect = (level: string) => (fields: object, msg: string) =>
      lines.push({ level, msg, fields: fields as Record<string, unknown> });
    const log = { info: collect('info'), warn: collect('warn'), error: collect('error') };
    failuresLeft = 1;
    await enqueue(echo, { n: 1 }, clock.now(), 'echo:1');
    await enqueue(flaky, {}, clock.now());
    const r = runner([echo, flaky], { log });
    await r.runDue();
    clock.advance(30 * SECOND);
    await r.runDue();
    failuresLeft = 9;
    await enqueue(flaky, {}, clock.now(), 'flaky:dead');
    for (let i = 0; i < 3; i++) {
      await r.runDue();
      clock.advance(HOUR);
    }
    const outcomes = lines.map((l) => `${l.level} ${l.msg}`);
    expect(outcomes).toEqual([
      'info 后台任务完成：test.echo',
      'warn 后台任务将重试：test.flaky',
      'info 后台任务完成：test.flaky',
      'warn 后台任务将重试：test.flaky',
      'warn 后台任务将重试：test.flaky',
      'error 后台任务已放弃（dead）：test.flaky',
    ]);
    expect(lines.at(-1)?.fields).toMatchObject({
      key: 'flaky:dead',
      attempt: 3,
      error: '连接超时（第 3 次）',
    });
    expect(lines.at(-1)?.fields.err).toBeInstanceOf(Error);
    expect(lines[0]?.fields).toMatchObject({ kind: 'test.echo', key: 'echo:1', attempt: 1 });
    expect(lines[1]?.fields).toMatchObject({
      error: '连接超时（第 1 次）',
      retryAt: '2026-03-01T09:00:30.000+08:00',
    });
  });

  it('succeeds on a retry: done, with the earlier error still on record', async () => {
    failuresLeft = 1;
    const { id } = await enqueue(flaky, {}, clock.now());
    const r = runner();
    await r.runDue();
    clock.advance(30 * SECOND);
    await r.runDue();
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2, lastError: '连接超时（第 1 次）' });
  });

  it('marks a job whose stored payload no longer fits its handler dead at once', async () => {
    const { id } = await enqueue(
      'test.echo' as unknown as JobDefinition<unknown>,
      { n: 'seven' },
      clock.now(),
    );
    await runner().runDue();
    expect(ran).toEqual([]);
    const dead = await job(id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    expect(dead.lastError).toMatch(/任务参数不符合 test\.echo 的格式：n:/);
  });

  it('takes over a job whose lease expired (its process ended mid-run), and not before', async () => {
    const { id } = await enqueue(echo, { n: 1 }, clock.now());
    // A process claims the job, then dies without finishing.
    const crashed = await claimNextJob(db, {
      kinds: ['test.echo'],
      workerId: 'crashed-node:1',
      now: toTimestamp(clock.now()),
      lockedUntil: toTimestamp(new Date(clock.now().getTime() + 5 * MINUTE)),
    });
    expect(crashed?.id).toBe(id);
    const r = runner();
    expect(await r.runDue()).toBe(0);
    clock.advance(5 * MINUTE - 1);
    expect(await r.runDue()).toBe(0);
    clock.advance(1);
    expect(await r.runDue()).toBe(1);
    expect(ran).toHaveLength(1);
    const done = await job(id);
    expect(done).toMatchObject({ status: 'done', attempts: 2 });
    expect(done.lastError).toBe('租约过期，上次运行未完成（进程 crashed-node:1）');
    // The crashed process coming back late cannot overwrite the outcome.
    expect(await markJobDone(db, id, 'crashed-node:1', toTimestamp(clock.now()))).toBe(false);
  });

  it('does not run a job again after its last attempt was lost with its lease', async () => {
    const { id } = await enqueue(flaky, {}, clock.now());
    for (let i = 0; i < 3; i++) {
      await claimNextJob(db, {
        kinds: ['test.flaky'],
        workerId: `crashed-${i}`,
        now: toTimestamp(clock.now()),
        lockedUntil: toTimestamp(new Date(clock.now().getTime() + MINUTE)),
      });
      clock.advance(MINUTE);
    }
    await runner().runDue();
    expect(ran).toEqual([]);
    expect(await job(id)).toMatchObject({ status: 'dead', attempts: 4 });
  });

  it('leaves kinds it has no handler for to the processes that do', async () => {
    await enqueue(flaky, {}, clock.now());
    expect(await runner([echo]).runDue()).toBe(0);
    expect((await listJobs(s))[0]?.status).toBe('pending');
  });

  it('creates each occurrence of a daily schedule once, with two runners ticking', async () => {
    const daily = defineJob({
      kind: 'test.daily',
      payload: z.object({ day: z.string() }),
      run: async (_s, payload, ctx) => {
        ran.push({ kind: 'test.daily', payload, attempt: ctx.attempt, at: toTimestamp(ctx.runAt) });
      },
    });
    const schedule = defineSchedule({
      job: daily,
      cron: '0 1 * * *',
      timezone: 'Asia/Shanghai',
      payload: (at) => ({ day: toTimestamp(at).slice(0, 10) }),
      key: (at) => `test.daily:${toTimestamp(at).slice(0, 10)}`,
    });
    const a = runner([daily], { schedules: [schedule] });
    const b = runner([daily], { schedules: [schedule] });
    // 09:00 on 1 March: the 01:00 occurrence of that day is caught up; the next one waits.
    await Promise.all([a.tick(), b.tick()]);
    expect(ran.map((r) => r.payload)).toEqual([{ day: '2026-03-01' }]);
    for (let hour = 0; hour < 72; hour++) {
      clock.advance(HOUR);
      await Promise.all([a.runDue(), b.runDue()]);
    }
    expect(ran.map((r) => r.payload)).toEqual([
      { day: '2026-03-01' },
      { day: '2026-03-02' },
      { day: '2026-03-03' },
      { day: '2026-03-04' },
    ]);
    expect(ran.map((r) => r.at)).toEqual([
      '2026-03-01T01:00:00.000+08:00',
      '2026-03-02T01:00:00.000+08:00',
      '2026-03-03T01:00:00.000+08:00',
      '2026-03-04T01:00:00.000+08:00',
    ]);
    const rows = await listJobs(s, { kind: 'test.daily' });
    expect(rows.map((r) => r.key).sort()).toEqual([
      'test.daily:2026-03-01',
      'test.daily:2026-03-02',
      'test.daily:2026-03-03',
      'test.daily:2026-03-04',
      'test.daily:2026-03-05',
    ]);
    expect(rows.filter((r) => r.status === 'done')).toHaveLength(4);
  });

  it('audits a job that changes business data as the system, naming the job', async () => {
    const audited = defineJob({
      kind: 'test.audited',
      payload: z.object({}),
      run: async (js, _payload, ctx) => {
        await js.db.kysely.transaction().execute((trx) =>
          js.audit.record(trx, ctx.system, {
            action: 'security.settings_update',
            objectType: 'setting',
            objectId: 'x',
          }),
        );
      },
    });
    const { id } = await enqueue(audited, {}, clock.now());
    await runner([audited]).runDue();
    const row = await db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', '=', `job-${id}`)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor_id: null,
      action: 'security.settings_update',
      ip: 'job',
      outcome: 'success',
    });
  });

  it('prunes done jobs after 90 days and keeps dead ones', async () => {
    const old = await enqueue(echo, { n: 1 }, clock.now());
    const failed = await enqueue(flaky, {}, clock.now());
    await db.kysely.updateTable('jobs').set({ status: 'dead' }).where('id', '=', failed.id).execute();
    await runner([echo]).runDue();
    clock.advance(90 * DAY);
    const recent = await enqueue(echo, { n: 2 }, clock.now());
    await runner([echo]).runDue();
    clock.advance(1);
    await enqueue(pruneJobs, {}, clock.now());
    await runner([pruneJobs]).runDue();
    const left = (await listJobs(s)).map((j) => j.id);
    expect(left).toContain(failed.id);
    expect(left).toContain(recent.id);
    expect(left).not.toContain(old.id);
  });

  it('stop() waits for the job in hand', async () => {
    let release!: () => void;
    let finished = false;
    const slow = defineJob({
      kind: 'test.slow',
      payload: z.object({}),
      run: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        finished = true;
      },
    });
    await enqueue(slow, {}, clock.now());
    const r = runner([slow]);
    const running = r.runDue();
    await vitestWaitFor(() => release !== undefined);
    const stopping = r.stop();
    release();
    await stopping;
    expect(finished).toBe(true);
    await running;
    expect((await listJobs(s))[0]?.status).toBe('done');
  });
});

async function vitestWaitFor(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ready()) throw new Error('timed out');
}
