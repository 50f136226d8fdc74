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

// Keys already found in scope during a request: when a service loads the record the guard checked, it gets
// a fresh row but the scope is not worked out (nor audited) twice. Keyed by the request's context object,
// so nothing outlives the request.
const confirmed = new WeakMap<RequestContext, Set<string>>();

/**
 * The record if it exists and lies in the actor's data scope. Missing: 404. Outside the scope: the same
 * 404, and an `access.out_of_scope` audit event.
 */
export async function loadInScope<T, K extends RecordKey>(
  s: Services,
  ctx: RequestContext,
  resource: ScopedResource<T, K>,
  key: K,
): Promise<T> {
  const record = await resource.find(s, key);
  if (record === undefined) throw appError(resource.notFound);
  const memo = `${resource.type}\u0000${key}`;
  const seen = confirmed.get(ctx);
  if (seen?.has(memo)) return record;
  if (!(await resource.inScope(s, ctx, record)))
    return outOfScope(s, ctx, resource.type, key, resource.notFound);
  if (seen) seen.add(memo);
  else confirmed.set(ctx, new Set([memo]));
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
