import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunsTable, raceJob, runRaceInstance } from '../../../test/job-race.ts';
import { createTestDb, DIALECTS, type TestDb } from '../../../test/db.ts';
import { createPostgresDb } from '../../db/dialect/postgres.ts';
import { createSqliteDb } from '../../db/dialect/sqlite.ts';
import { systemClock } from '../clock.ts';
import { enqueueJob } from './job.enqueue.ts';

// Exactly once across app processes: two app instances (each its own connection pool, or on SQLite its
// own process and connection) run the same 200 jobs side by side. job_runs has one row per execution.
const JOBS = 200;

describe.each(DIALECTS)('two app instances on one database (%s)', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    await createJobRunsTable(db);
    await db.kysely.transaction().execute(async (trx) => {
      for (let n = 0; n < JOBS; n++)
        await enqueueJob(trx, { kind: raceJob, payload: { n }, runAt: systemClock.now() }, systemClock);
    });
  });
  afterAll(() => db.close());

  it(`runs each of ${JOBS} jobs exactly once`, { timeout: 120_000 }, async () => {
    let perInstance: number[];
    if (dialect === 'postgres') {
      // Two pools on the same schema: what two server processes behind a proxy have.
      const pools = [1, 2].map(() => createPostgresDb(db.location, { schema: db.schema!, max: 4 }));
      try {
        perInstance = await Promise.all(
          pools.map((pool, i) => runRaceInstance(pool, { workerId: `instance-${i + 1}`, concurrency: 4 })),
        );
      } finally {
        await Promise.all(pools.map((p) => p.close()));
      }
    } else {
      // better-sqlite3 blocks its thread while it waits for the write lock, so the second instance is a
      // process of its own, as a second server would be.
      const second = secondSqliteInstance(db.location);
      await second.ready;
      const own = createSqliteDb(db.location);
      try {
        const mine = await runRaceInstance(own, { workerId: 'instance-1', concurrency: 2 });
        perInstance = [mine, await second.ran];
      } finally {
        await own.close();
      }
    }
    const runs = await sql<{ job_id: number; worker: string }>`select job_id, worker from job_runs`.execute(
      db.kysely,
    );
    const ids = runs.rows.map((r) => r.job_id);
    expect(ids).toHaveLength(JOBS);
    expect(new Set(ids).size).toBe(JOBS);
    expect(perInstance.reduce((a, b) => a + b, 0)).toBe(JOBS);
    // Both instances took part (the race was real).
    expect(perInstance.every((n) => n > 0)).toBe(true);
    const statuses = await db.kysely.selectFrom('jobs').select(['status', 'attempts']).execute();
    expect(statuses.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
    console.info(`${dialect}: jobs per instance ${perInstance.join(' + ')}`);
  });
});

function secondSqliteInstance(file: string): { ready: Promise<void>; ran: Promise<number> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/job-race-worker.ts', file, 'instance-2'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('ready\n')) markReady();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ran = new Promise<number>((resolve, reject) =>
    child.on('close', (code) => {
      markReady();
      const match = /ran (\d+)/.exec(out);
      if (code === 0 && match) resolve(Number(match[1]));
      else reject(new Error(`second instance exited ${code}: ${err}`));
    }),
  );
  return { ready, ran };
}
