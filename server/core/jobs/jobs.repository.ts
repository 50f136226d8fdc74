import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database, JobRow, JobStatus } from '../../db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface NewJobRow {
  kind: string;
  key: string | null;
  payload: string;
  run_at: string;
  max_attempts: number;
  created_at: string;
}

/** Inserts a job unless one with the same key exists; the new row's id, or undefined when it did. */
export async function insertJobUnlessKeyExists(db: Executor, row: NewJobRow): Promise<number | undefined> {
  const inserted = await db
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export async function findJobIdByKey(db: Executor, key: string): Promise<number | undefined> {
  const row = await db.selectFrom('jobs').select('id').where('key', '=', key).executeTakeFirst();
  return row?.id;
}

// Due: pending (or failed, awaiting its retry) at or after run_at; or running with a lease that has passed
// (the process that claimed it ended without finishing).
function dueJobs(db: Executor, kinds: readonly string[], now: string) {
  return db
    .selectFrom('jobs')
    .select('id')
    .where('kind', 'in', kinds)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['pending', 'failed']), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<=', now)]),
      ]),
    );
}

/** Whether any job of these kinds is due: a plain read, so an idle poll takes no write lock. */
export async function anyJobDue(db: Db, kinds: readonly string[], now: string): Promise<boolean> {
  if (!kinds.length) return false;
  return (await dueJobs(db.kysely, kinds, now).limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Claims the next due job for `workerId` in one statement: marks it running, leased until `lockedUntil`,
 * and counts the attempt. On PostgreSQL the subquery locks the row and skips rows other processes are
 * claiming (FOR UPDATE SKIP LOCKED); on SQLite the transaction begins IMMEDIATE, so claimers take turns.
 * Either way a job is claimed by one process at a time. A job taken over from an expired lease keeps a
 * note of it as its last error.
 */
export async function claimNextJob(
  db: Db,
  claim: { kinds: readonly string[]; workerId: string; now: string; lockedUntil: string },
): Promise<JobRow | undefined> {
  if (!claim.kinds.length) return undefined;
  return db.kysely.transaction().execute(async (trx) => {
    const next = db.dialect.skipLocked(
      dueJobs(trx, claim.kinds, claim.now).orderBy('run_at').orderBy('id').limit(1),
    );
    const leaseLost = sql<string>`cast(${'租约过期，上次运行未完成（进程 '} as text) || coalesce(locked_by, '') || cast(${'）'} as text)`;
    return trx
      .updateTable('jobs')
      .set((eb) => ({
        last_error: eb.case().when('status', '=', 'running').then(leaseLost).else(eb.ref('last_error')).end(),
        last_error_at: eb
          .case()
          .when('status', '=', 'running')
          .then(claim.now)
          .else(eb.ref('last_error_at'))
          .end(),
        status: 'running',
        attempts: eb('attempts', '+', 1),
        locked_by: claim.workerId,
        locked_until: claim.lockedUntil,
      }))
      .where('id', 'in', next)
      .returningAll()
      .executeTakeFirst();
  });
}

// The end of a run: written only while the row is still this worker's (a run that outlived its lease
// finds the job taken over and changes nothing). Returns whether the row was updated.
async function finishRun(
  db: Db,
  id: number,
  workerId: string,
  set: {
    status: JobStatus;
    run_at?: string;
    finished_at?: string | null;
    last_error?: string;
    last_error_at?: string;
  },
): Promise<boolean> {
  const result = await db.kysely
    .updateTable('jobs')
    .set({ ...set, locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function markJobDone(db: Db, id: number, workerId: string, now: string): Promise<boolean> {
  return finishRun(db, id, workerId, { status: 'done', finished_at: now });
}

export function markJobFailed(
  db: Db,
  id: number,
  workerId: string,
  failure: { error: string; now: string; retryAt: string | null },
): Promise<boolean> {
  return finishRun(
    db,
    id,
    workerId,
    failure.retryAt
      ? { status: 'failed', run_at: failure.retryAt, last_error: failure.error, last_error_at: failure.now }
      : { status: 'dead', finished_at: failure.now, last_error: failure.error, last_error_at: failure.now },
  );
}

export interface JobFilter {
  status?: JobStatus;
  kind?: string;
  // Rows with a smaller id than this (the next page of a newest-first list).
  beforeId?: number;
  limit: number;
}

export async function selectJobs(db: Executor, filter: JobFilter): Promise<JobRow[]> {
  let query = db.selectFrom('jobs').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  return query.execute();
}

export async function deleteFinishedJobsBefore(db: Executor, before: string): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
