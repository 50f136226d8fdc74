// The job of the two-instance test (server/core/jobs/jobs.race.test.ts): each run records itself in
// job_runs (no unique constraint: a job run twice shows as two rows) and waits a little, so runs of the
// two instances interleave. Shared by the test process and the second instance it starts
// (test/job-race-worker.ts).
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { buildServices } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { systemClock, type Clock } from '../server/core/clock.ts';
import { defineJob } from '../server/core/jobs/job.define.ts';
import { startJobRunner } from '../server/core/jobs/job.runner.ts';
import type { Db } from '../server/db/connect.ts';

export const raceJob = defineJob({
  kind: 'test.race',
  payload: z.object({ n: z.number().int() }),
  run: async (s, _payload, ctx) => {
    await sql`insert into job_runs (job_id, worker) values (${ctx.jobId}, ${ctx.system.requestId})`.execute(
      s.db.kysely,
    );
    await new Promise((r) => setTimeout(r, 2 + Math.floor(Math.random() * 6)));
  },
});

export async function createJobRunsTable(db: Db): Promise<void> {
  await sql`create table job_runs (job_id integer not null, worker varchar(120) not null)`.execute(db.kysely);
}

// One app instance's runner over `db` until no test.race job is left to run; the number of jobs it ran.
export async function runRaceInstance(
  db: Db,
  options: { workerId: string; concurrency: number; clock?: Clock },
): Promise<number> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: 'unused-by-jobs' });
  const s = buildServices({
    config,
    db,
    clock: options.clock ?? systemClock,
    secretKey: crypto.randomBytes(32),
  });
  const runner = startJobRunner(s, [raceJob], {
    pollMs: 0,
    workerId: options.workerId,
    concurrency: options.concurrency,
  });
  let ran = 0;
  for (;;) {
    ran += await runner.runDue();
    const left = await db.kysely
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'test.race')
      .where('status', 'in', ['pending', 'running', 'failed'])
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  await runner.stop();
  return ran;
}
