// The data-scope guard. A record reached by a key in a URL (/api/plans/:id, /api/units/:id …) is loaded
// and checked here, once, before any handler runs: the route names the record's ScopedResource in its
// access declaration (core/http/route.ts) and the access plugin calls loadInScope with the URL's key.
// Services may still apply finer rules (may this person change it, not only see it?), but none has to
// remember the coarse one, and a route that takes a key without naming its resource does not start.
import { appError, type ErrorCode } from '../errors.ts';
import type { Services } from '../services.ts';
import type { RequestContext } from './actor.ts';

export type RecordKey = string | number;

/** One kind of business record bounded by the data scope, defined by the module that owns it. */
export interface ScopedResource<T, K extends RecordKey = RecordKey> {
  /** The audit object type of the record ('plan', 'unit' …). */
  readonly type: string;
  /** The answer to a missing record; an out-of-scope one answers exactly the same. */
  readonly notFound: ErrorCode;
  /** The record with this key, in or out of anyone's scope; undefined when there is none. */
  find(s: Services, key: K): Promise<T | undefined>;
  /** Whether the record lies inside the actor's data scope: the in-memory twin of the module's SQL filter. */
  inScope(s: Services, ctx: RequestContext, record: T): Promise<boolean>;
}

export function scopedResource<T, K extends RecordKey>(def: ScopedResource<T, K>): ScopedResource<T, K> {
  return Object.freeze({ ...def });
}

// What a request has learnt about its records, keyed by the request's context object so nothing outlives
// the request: the keys found in scope (a service loading a record the guard checked does not work the
// scope out, nor audit, twice), and on a read-only request the records themselves (see `keep`).
interface RequestMemo {
  confirmed: Set<string>;
  kept: Map<string, unknown>;
}
const memos = new WeakMap<RequestContext, RequestMemo>();

/**
 * The record if it exists and lies in the actor's data scope. Missing: 404. Outside the scope: the same
 * 404, and an `access.out_of_scope` audit event.
 *
 * `keep`: the access plugin passes it on a read-only request (GET), so that the service reading the
 * route's record gets the row the guard loaded and checked, without a second query. Nothing in a read-only
 * request changes the record, so the kept row is as current as a second read would be (another request's
 * change may land a moment before or after either read alike). A request that writes is never given a
 * kept row: its service reads the record again, and reads its own changes back.
 */
export async function loadInScope<T, K extends RecordKey>(
  s: Services,
  ctx: RequestContext,
  resource: ScopedResource<T, K>,
  key: K,
  options: { keep?: boolean } = {},
): Promise<T> {
  const memo = `${resource.type}\u0000${key}`;
  let known = memos.get(ctx);
  // Only ever set after the scope check below, for this request's actor.
  if (known?.kept.has(memo)) return known.kept.get(memo) as T;
  const record = await resource.find(s, key);
  if (record === undefined) throw appError(resource.notFound);
  if (!known?.confirmed.has(memo)) {
    if (!(await resource.inScope(s, ctx, record)))
      return outOfScope(s, ctx, resource.type, key, resource.notFound);
    known ??= { confirmed: new Set(), kept: new Map() };
    memos.set(ctx, known);
    known.confirmed.add(memo);
  }
  if (options.keep) known.kept.set(memo, record);
  return record;
}

// Asking for a record outside one's data scope answers exactly as a missing record would (so scope does
// not leak what exists), and leaves an audit event.
export async function outOfScope(
  s: Services,
  ctx: RequestContext,
  objectType: string,
  objectId: RecordKey,
  code: ErrorCode,
): Promise<never> {
  await s.audit.recordAlone(ctx, { action: 'access.out_of_scope', outcome: 'denied', objectType, objectId });
  throw appError(code);
}
