import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RecordKey, ScopedResource } from '../access/guard.ts';
import type { Permission } from '../access/roles.ts';
import type { ScopeRule } from '../access/scope.ts';

// Every route declares who may call it and how the data scope applies. The declaration lives in the
// route's own definition (config.access); a test fails on any registered route without one.
export interface Access {
  // 'public': no session (login, health); 'session': any signed-in user; otherwise a permission.
  permission: Permission | 'public' | 'session';
  scope: ScopeRule;
  // scope 'data' on a URL with a record key (:id, :code …): which key names the record and whose
  // ScopedResource loads it. The access plugin loads it in scope before the handler (404 and
  // access.out_of_scope otherwise) and hands it over as scopedRecord(req, resource).
  record?: RecordParam;
  // Routes a user may still call while a password change or TOTP enrolment is pending.
  duringSetup?: boolean;
  // A create that honours the Idempotency-Key header. 'transaction': the service claims the key and stores
  // its answer in its own transaction (idempotentTransaction, core/http/idempotency.transaction.ts).
  idempotent?: boolean | 'transaction';
}

export interface RecordParam {
  param: string;
  // Methods on ScopedResource are bivariant, so any module's resource fits here.
  resource: ScopedResource<unknown>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    // The answer carries a secret (a CSRF token, a one-time password, a TOTP seed): no cache may keep it.
    noStore?: boolean;
  }
  interface FastifyRequest {
    // The record the route's declared key named, loaded in scope by the access plugin.
    scoped: unknown;
  }
}

/** The route's record, keyed by the URL parameter `param` and loaded in scope by `resource`. */
export function keyedBy<T, K extends RecordKey>(resource: ScopedResource<T, K>, param: string): RecordParam {
  return { param, resource };
}

/** The record the access plugin loaded for this route; a programming error if the route names another. */
export function scopedRecord<T, K extends RecordKey>(req: FastifyRequest, resource: ScopedResource<T, K>): T {
  if (req.routeOptions.config.access?.record?.resource !== (resource as ScopedResource<unknown>)) {
    throw new Error(`${req.routeOptions.url}: no ${resource.type} declared as this route's record`);
  }
  return req.scoped as T;
}

// The URL parameters of a route ('/api/plans/:id/items/:itemId' → ['id', 'itemId']).
export function urlParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]!);
}

/**
 * Why a route's access declaration cannot be enforced, or null. A 'data' route with a record key in its
 * URL must name the record's ScopedResource, so that the scope is checked by construction rather than
 * by each service remembering to. Checked when the route is registered (the app does not start) and by
 * test/routes.test.ts.
 */
export function accessDeclarationProblem(url: string, access: Access): string | null {
  const params = urlParams(url);
  const { record } = access;
  if (record) {
    if (access.scope !== 'data')
      return `${url}: declares a record but its scope is '${access.scope}', not 'data'`;
    if (!params.includes(record.param)) return `${url}: declares record key :${record.param}, not in the URL`;
    return null;
  }
  if (access.scope === 'data' && params.length > 0) {
    return `${url}: scope 'data' with record key ${params.map((p) => `:${p}`).join(', ')} but no record (access.record = keyedBy(resource, param))`;
  }
  return null;
}

export function router(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

// For actions that take no input: no body (Fastify passes null) or an empty one passes; any field is an
// unknown field.
export const noBody = z.strictObject({}).nullish();
