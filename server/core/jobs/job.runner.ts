import crypto from 'node:crypto';
import os from 'node:os';
import type { JobRow } from '../../db/schema.ts';
import { toTimestamp } from '../clock.ts';
import type { Services } from '../services.ts';
import { retryDelayMs } from './job.backoff.ts';
import type { JobContext, JobDefinition, ScheduleDefinition } from './job.define.ts';
import { Scheduler } from './job.schedule.ts';
import { anyJobDue, claimNextJob, markJobDone, markJobFailed } from './jobs.repository.ts';

export interface JobLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const silent: JobLog = { info: () => {}, warn: () => {}, error: () => {} };

export interface JobRunnerOptions {
  schedules?: readonly ScheduleDefinition[];
  // Real time between polls of the loop; 0 starts no loop (tests call tick() / runDue() themselves).
  pollMs?: number;
  // First retry after backoffBaseMs, doubling per failed attempt, at most backoffCapMs.
  backoffBaseMs?: number;
  backoffCapMs?: number;
  // Jobs run side by side in this process (each claims its own job).
  concurrency?: number;
  // Names this process on the rows it claims; unique per runner by default.
  workerId?: string;
  log?: JobLog;
}

export interface JobRunner {
  readonly workerId: string;
  // Enqueues the schedules' due occurrences, then claims and runs at most one due job per worker slot;
  // the number of jobs run.
  tick(): Promise<number>;
  // Runs due jobs until none is left; the number run.
  runDue(): Promise<number>;
  // Stops polling and waits for the job in hand to finish.
  stop(): Promise<void>;
}

const MAX_ERROR_LENGTH = 2000;

/**
 * The job runner of one app process: it polls the jobs table, claims due jobs one at a time (claiming is
 * exclusive across processes, jobs.repository.ts), runs each job's handler and records the outcome. Time
 * comes from the services' clock, so tests move a ManualClock and call tick() instead of waiting.
 */
export function startJobRunner(
  s: Services,
  handlers: readonly JobDefinition[],
  options: JobRunnerOptions = {},
): JobRunner {
  const byKind = new Map(handlers.map((h) => [h.kind, h]));
  if (byKind.size !== handlers.length) throw new Error('two job handlers share a kind');
  const kinds = [...byKind.keys()];
  const schedules = options.schedules ?? [];
  for (const schedule of schedules)
    if (byKind.get(schedule.job.kind) !== schedule.job)
      throw new Error(`schedule of ${schedule.job.kind} has no handler in this runner`);
  const scheduler = new Scheduler(s.db, s.clock, schedules);
  const log = options.log ?? silent;
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const baseMs = options.backoffBaseMs ?? 30_000;
  const capMs = options.backoffCapMs ?? 60 * 60_000;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const leaseMs = Math.max(...handlers.map((h) => h.leaseMs), 0);

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();

  // Claims one due job and runs it; false when none was due.
  async function runOne(): Promise<boolean> {
    const now = s.clock.now();
    if (!(await anyJobDue(s.db, kinds, toTimestamp(now)))) return false;
    const row = await claimNextJob(s.db, {
      kinds,
      workerId,
      now: toTimestamp(now),
      // The longest lease of any handler: the claim does not know the kind before it has the row.
      lockedUntil: toTimestamp(new Date(now.getTime() + leaseMs)),
    });
    if (!row) return false;
    await runClaimed(row, byKind.get(row.kind)!);
    return true;
  }

  async function runClaimed(row: JobRow, handler: JobDefinition): Promise<void> {
    const fields = { jobId: row.id, kind: row.kind, key: row.key, attempt: row.attempts, workerId };
    if (row.attempts > row.max_attempts) {
      // Taken over from an expired lease after its last attempt: the process ended mid-run every time.
      await fail(row, row.last_error ?? '租约过期', false);
      return;
    }
    const parsed = handler.payload.safeParse(parsePayload(row.payload));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
      await fail(row, `任务参数不符合 ${row.kind} 的格式：${problems.join('; ')}`, false);
      return;
    }
    const ctx: JobContext = {
      jobId: row.id,
      key: row.key,
      attempt: row.attempts,
      maxAttempts: row.max_attempts,
      runAt: new Date(row.run_at),
      system: { actor: null, ip: 'job', requestId: `job-${row.id}` },
    };
    const started = Date.now();
    try {
      await handler.run(s, parsed.data, ctx);
    } catch (err) {
      await fail(row, errorText(err), row.attempts < row.max_attempts, err);
      return;
    }
    const kept = await markJobDone(s.db, row.id, workerId, toTimestamp(s.clock.now()));
    if (kept) log.info({ ...fields, ms: Date.now() - started }, `后台任务完成：${row.kind}`);
    else log.warn(fields, `后台任务完成，但租约已过期，结果未记录：${row.kind}`);
  }

  // One log line per failure: a warning while retries remain, an error when the job is given up; the
  // thrown error (with its stack) goes along.
  async function fail(row: JobRow, error: string, retry: boolean, err?: unknown): Promise<void> {
    const now = s.clock.now();
    const retryAt = retry ? new Date(now.getTime() + retryDelayMs(row.attempts, baseMs, capMs)) : null;
    await markJobFailed(s.db, row.id, workerId, {
      error: error.slice(0, MAX_ERROR_LENGTH),
      now: toTimestamp(now),
      retryAt: retryAt && toTimestamp(retryAt),
    });
    const fields = {
      jobId: row.id,
      kind: row.kind,
      key: row.key,
      attempt: row.attempts,
      error,
      workerId,
      err,
    };
    if (retryAt) log.warn({ ...fields, retryAt: toTimestamp(retryAt) }, `后台任务将重试：${row.kind}`);
    else log.error(fields, `后台任务已放弃（dead）：${row.kind}`);
  }

  // One pass: every worker slot runs at most one job.
  async function pass(): Promise<number> {
    await scheduler.ensureOccurrences();
    const ran = await Promise.all(Array.from({ length: concurrency }, () => runOne()));
    return ran.filter(Boolean).length;
  }

  async function drain(): Promise<number> {
    await scheduler.ensureOccurrences();
    const counts = await Promise.all(
      Array.from({ length: concurrency }, async () => {
        let n = 0;
        while (!stopped && (await runOne())) n++;
        return n;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  // tick, runDue and the loop take turns: one process never claims with two passes at once.
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = current.then(work, work);
    current = result.catch(() => undefined);
    return result;
  }

  function schedulePoll(pollMs: number) {
    timer = setTimeout(() => {
      void exclusive(drain)
        .catch((err: unknown) => log.error({ err, workerId }, '后台任务轮询失败'))
        .finally(() => {
          if (!stopped) schedulePoll(pollMs);
        });
    }, pollMs);
    timer.unref();
  }

  const pollMs = options.pollMs ?? 5_000;
  if (pollMs > 0) schedulePoll(pollMs);

  return {
    workerId,
    tick: () => exclusive(pass),
    runDue: () => exclusive(drain),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

function parsePayload(text: string): unknown {
  try {
    const payload: unknown = JSON.parse(text); // checked by the job's Zod schema before it runs
    return payload;
  } catch {
    return undefined;
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
