import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toTimestamp, type Clock } from '../clock.ts';
import { DEFAULT_MAX_ATTEMPTS, type JobDefinition } from './job.define.ts';
import { findJobIdByKey, insertJobUnlessKeyExists } from './jobs.repository.ts';

export interface EnqueueRequest<P> {
  // The job's definition (its payload is checked now), or its kind alone (checked when it runs).
  kind: JobDefinition<P> | string;
  // Names this occurrence: a second enqueue with the same key, from any process, creates nothing.
  key?: string;
  payload: P;
  runAt: Date;
  maxAttempts?: number;
}

export interface Enqueued {
  id: number;
  // False when a job with this key already existed (its id is returned; nothing changed).
  created: boolean;
}

/**
 * Adds a job inside the caller's transaction, so the job exists exactly when the change that causes it
 * is committed. `clock` stamps created_at (pass the services' clock).
 */
export async function enqueueJob<P>(
  trx: Transaction<Database> | Kysely<Database>,
  request: EnqueueRequest<P>,
  clock: Clock,
): Promise<Enqueued> {
  const definition = typeof request.kind === 'string' ? undefined : request.kind;
  const payload = definition ? definition.payload.parse(request.payload) : request.payload;
  const row = {
    kind: definition?.kind ?? (request.kind as string),
    key: request.key ?? null,
    payload: JSON.stringify(payload) ?? 'null',
    run_at: toTimestamp(request.runAt),
    max_attempts: request.maxAttempts ?? definition?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    created_at: toTimestamp(clock.now()),
  };
  const id = await insertJobUnlessKeyExists(trx, row);
  if (id !== undefined) return { id, created: true };
  // Only a key can collide; the other job is visible once its transaction committed (PostgreSQL waits
  // for it before reporting the conflict; SQLite writers take turns).
  const existing = request.key === undefined ? undefined : await findJobIdByKey(trx, request.key);
  if (existing === undefined) throw new Error(`job ${row.kind} was not inserted and has no key`);
  return { id: existing, created: false };
}
