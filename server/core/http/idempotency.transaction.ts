// The Idempotency-Key kept in the request's own transaction (docs/decisions/idempotency-in-transaction.md):
// a route declaring `idempotent: 'transaction'` has its key looked up before the handler (a replay or a
// refusal answers there) but not reserved; the service runs its write through idempotentTransaction,
// which claims the key as the transaction's first write and stores the answer as its last. One commit
// instead of three (reserve, business, stored answer), and the guarantees stay: a replay returns the
// stored answer; a concurrent duplicate waits for the first one's transaction (SQLite runs one write
// transaction at a time; PostgreSQL holds the second insert of the key until the first commits) and is
// then answered 409; a failed write rolls the claim back with everything else, so the key may be retried.
import type { Kysely, Transaction } from 'kysely';
import type { RequestContext } from '../access/actor.ts';
import { appError } from '../errors.ts';
import type { Database } from '../../db/schema.ts';
import {
  findIdempotencyKey,
  purgeIdempotencyKeys,
  reserveIdempotencyKey,
  storeIdempotentResponse,
} from './idempotency.repository.ts';

export const PENDING = 0;

/** A key looked up and found free before the handler: claimed and answered in the handler's transaction. */
export interface DeferredKey {
  userId: number;
  key: string;
  method: string;
  url: string;
  requestHash: string;
  createdAt: string;
  // Keys older than this (the user's own) are dropped in the same transaction.
  purgeBefore: string;
  // The answer as the route writes it (its response schema, its status) and sealed for the store.
  seal: (answer: unknown) => string;
  stored: boolean;
}

// Keyed by the request's context object (one per request, core/http/session.plugin.ts): services receive
// the context, never the request.
const deferred = new WeakMap<RequestContext, DeferredKey>();

export function deferKey(ctx: RequestContext, key: DeferredKey): void {
  deferred.set(ctx, key);
}

export function deferredKeyOf(ctx: RequestContext): DeferredKey | undefined {
  return deferred.get(ctx);
}

/** Claims the key in `trx`: refuses a key another request holds (409), whether still running or done. */
async function claim(trx: Transaction<Database>, k: DeferredKey): Promise<void> {
  await purgeIdempotencyKeys(trx, k.userId, k.purgeBefore);
  const claimed = await reserveIdempotencyKey(trx, {
    user_id: k.userId,
    key: k.key,
    method: k.method,
    url: k.url,
    status_code: PENDING,
    body: '',
    request_hash: k.requestHash,
    created_at: k.createdAt,
  });
  if (claimed) return;
  // A duplicate that ran while this one waited for its turn: the same request is told it is (or was) in
  // progress, as the plugin tells a duplicate arriving during the first one; another request, reused.
  const other = await findIdempotencyKey(trx, k.userId, k.key);
  if (other && other.method === k.method && other.url === k.url && other.request_hash === k.requestHash)
    throw appError('IDEMPOTENCY_IN_PROGRESS');
  throw appError('IDEMPOTENCY_KEY_REUSED');
}

/**
 * Runs `work` in one transaction; when the request carries an Idempotency-Key for a route declared
 * `idempotent: 'transaction'`, the key is claimed first and `work`'s answer (what the handler returns)
 * stored last, in the same transaction. Without a key it is a plain transaction.
 */
export async function idempotentTransaction<T>(
  db: Kysely<Database>,
  ctx: RequestContext,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const k = deferredKeyOf(ctx);
  return db.transaction().execute(async (trx) => {
    if (!k) return work(trx);
    if (k.stored) throw new Error('one idempotent transaction per request');
    await claim(trx, k);
    const answer = await work(trx);
    await storeIdempotentResponse(trx, k.userId, k.key, 200, k.seal(answer));
    k.stored = true;
    return answer;
  });
}
