import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { loadInScope, type RecordKey } from '../access/guard.ts';
import { appError } from '../errors.ts';
import type { Services } from '../services.ts';
import { accessDeclarationProblem } from './route.ts';

// The pipeline is authenticate → validate → authorize: a request without a session gets 401 before its
// body is looked at; the declared permission is checked after validation, and denials are audited. Then
// the declared data scope: a route's record (access.record) is loaded and must lie in the actor's scope.
async function accessPlugin(app: FastifyInstance, s: Services) {
  app.decorateRequest('scoped', null);

  // A declaration the plugin could not enforce stops the app from starting.
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const problem = access && accessDeclarationProblem(route.url, access);
    if (problem) throw new Error(`access declaration: ${problem}`);
  });

  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config.access;
    if (access && access.permission !== 'public' && !req.actor) throw appError('UNAUTHENTICATED');
  });

  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config.access;
    // Routes without a declaration are refused outright (and a test fails on them); static files and the
    // OpenAPI browser are registered by plugins and opted out explicitly by their URL prefix.
    if (!access) {
      if (isUndeclaredButAllowed(req)) return;
      throw appError('FORBIDDEN', '该接口未声明访问权限');
    }
    if (access.permission === 'public') return;
    const actor = req.actor;
    if (!actor) throw appError('UNAUTHENTICATED');
    if (req.pendingSetup && !access.duringSetup) {
      throw appError(
        req.pendingSetup === 'password' ? 'PASSWORD_CHANGE_REQUIRED' : 'TOTP_REQUIRED',
        req.pendingSetup === 'password' ? '请先修改密码' : '请先完成动态验证码验证',
      );
    }
    if (access.permission !== 'session' && !actor.permissions.has(access.permission)) {
      await s.audit.recordAlone(req.ctx, {
        action: 'access.denied',
        outcome: 'denied',
        note: { method: req.method, route: req.routeOptions.url, permission: access.permission },
      });
      throw appError('FORBIDDEN');
    }
    if (access.record) {
      // Params were validated (and coerced) by the route's schema before this hook.
      const key = (req.params as Record<string, unknown>)[access.record.param];
      if (typeof key !== 'string' && typeof key !== 'number') {
        throw new Error(`${req.routeOptions.url}: record key :${access.record.param} missing`);
      }
      // A read-only request hands the row it loaded to the service (one query for the record, not two).
      req.scoped = await loadInScope(s, req.ctx, access.record.resource, key satisfies RecordKey, {
        keep: req.method === 'GET' || req.method === 'HEAD',
      });
    }
  });
}

export const UNDECLARED_PREFIXES = ['/api/docs'];

function isUndeclaredButAllowed(req: FastifyRequest): boolean {
  const url = req.routeOptions.url ?? '';
  return !url.startsWith('/api/') || UNDECLARED_PREFIXES.some((p) => url.startsWith(p));
}

export default fp(accessPlugin, { name: 'luoshi-access', dependencies: ['luoshi-session'] });
