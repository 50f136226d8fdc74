import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { appError } from '../errors.ts';
import type { Services } from '../services.ts';

// The pipeline is authenticate → validate → authorize: a request without a session gets 401 before its
// body is looked at; the declared permission is checked after validation, and denials are audited.
async function accessPlugin(app: FastifyInstance, s: Services) {
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
    if (access.permission === 'session') return;
    if (!actor.permissions.has(access.permission)) {
      await s.audit.recordAlone(req.ctx, {
        action: 'access.denied',
        outcome: 'denied',
        note: { method: req.method, route: req.routeOptions.url, permission: access.permission },
      });
      throw appError('FORBIDDEN');
    }
  });
}

export const UNDECLARED_PREFIXES = ['/api/docs'];

function isUndeclaredButAllowed(req: FastifyRequest): boolean {
  const url = req.routeOptions.url ?? '';
  return !url.startsWith('/api/') || UNDECLARED_PREFIXES.some((p) => url.startsWith(p));
}

export default fp(accessPlugin, { name: 'luoshi-access', dependencies: ['luoshi-session'] });
