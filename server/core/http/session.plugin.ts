import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { SessionRow } from '../../db/schema.ts';
import type { Actor, RequestContext } from '../access/actor.ts';
import { safeEqual } from '../crypto.ts';
import { appError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionRow | null;
    // Set when the session still has a setup step to finish (password change, TOTP).
    pendingSetup: 'password' | 'totp' | 'totp-enrolment' | null;
    ctx: RequestContext;
  }
}

export function sessionCookieName(https: boolean): string {
  return https ? '__Host-luoshi_session' : 'luoshi_session';
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Authenticated {
  session: SessionRow;
  actor: Actor;
  pendingSetup: 'password' | 'totp' | 'totp-enrolment' | null;
}

export interface SessionPluginOptions {
  cookieName: string;
  // Supplied by the auth module, so core/ does not depend on modules/.
  authenticate(cookie: string): Promise<Authenticated | null>;
}

// Authentication: turns the session cookie into an actor, before validation, and checks the request's
// origin and CSRF token.
async function sessionPlugin(app: FastifyInstance, opts: SessionPluginOptions) {
  const { cookieName } = opts;
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('pendingSetup', null);
  app.decorateRequest('ctx', null as unknown as RequestContext);

  app.addHook('onRequest', async (req) => {
    req.ctx = { actor: null, ip: req.ip, requestId: req.id };
    if (UNSAFE.has(req.method)) checkOrigin(req);
    const cookie = req.cookies[cookieName];
    if (!cookie) return;
    const found = await opts.authenticate(cookie);
    if (!found) return;
    const { session, actor } = found;
    req.session = session;
    req.actor = actor;
    req.pendingSetup = found.pendingSetup;
    req.ctx = { actor, ip: req.ip, requestId: req.id };
    // Public routes (login) have no token to send yet; the Origin check and SameSite cover them.
    const isPublic = req.routeOptions.config.access?.permission === 'public';
    if (UNSAFE.has(req.method) && !isPublic) checkCsrfToken(req, session);
  });
}

// A state-changing request sent by another site's page carries that site's Origin.
function checkOrigin(req: FastifyRequest) {
  const origin = req.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw appError('CSRF_REJECTED');
  }
  if (host !== req.headers.host) throw appError('CSRF_REJECTED');
}

function checkCsrfToken(req: FastifyRequest, session: SessionRow) {
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !safeEqual(sent, session.csrf_token)) throw appError('CSRF_REJECTED');
}

export default fp(sessionPlugin, { name: 'luoshi-session', dependencies: ['@fastify/cookie'] });
