import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { SessionRow } from '../../db/schema.ts';
import type { Actor, RequestContext } from '../access/actor.ts';
import { dataScopeOf } from '../access/scope.ts';
import { permissionsOf } from '../access/roles.ts';
import { SESSION_STAGE, resumeSession } from '../auth/sessions.ts';
import { safeEqual } from '../crypto.ts';
import { appError } from '../errors.ts';
import type { Services } from '../services.ts';
import { findOrganisationRootId } from '../../modules/org/unit.repository.ts';
import { findUserById, listRolesOfUser } from '../../modules/org/user.repository.ts';
import { loadSecuritySettings } from '../../modules/security/security.settings.ts';
import { passwordExpired } from '../../modules/auth/auth.service.ts';

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

// Authentication: turns the session cookie into an actor. Runs before validation so that a request
// without a session gets 401, not a complaint about its body.
async function sessionPlugin(app: FastifyInstance, s: Services) {
  const cookieName = sessionCookieName(s.config.httpsProxy);
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('pendingSetup', null);
  app.decorateRequest('ctx', null as unknown as RequestContext);

  app.addHook('onRequest', async (req) => {
    req.ctx = { actor: null, ip: req.ip, requestId: req.id };
    if (UNSAFE.has(req.method)) checkOrigin(req);
    const cookie = req.cookies[cookieName];
    if (!cookie) return;
    const settings = await loadSecuritySettings(s.db.kysely, s.config);
    const session = await resumeSession(s.db.kysely, cookie, s.clock.now(), {
      idleMinutes: settings.sessionIdleMinutes,
      absoluteHours: settings.sessionAbsoluteHours,
    });
    if (!session) return;
    const user = await findUserById(s.db.kysely, session.user_id);
    if (!user || user.status !== 'active') return;
    const roles = await listRolesOfUser(s.db.kysely, user.id);
    const organisationId =
      user.unit_id === null ? null : await findOrganisationRootId(s.db.kysely, user.unit_id);
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      roles,
      permissions: permissionsOf(roles),
      scope: dataScopeOf({ roles, regionPath: user.region_path, unitId: user.unit_id, organisationId }),
      unitId: user.unit_id,
      regionCode: user.region_code,
      sessionId: session.id,
    };
    req.session = session;
    req.actor = actor;
    req.ctx = { actor, ip: req.ip, requestId: req.id };
    if (session.totp_pending === SESSION_STAGE.awaitingTotp) req.pendingSetup = 'totp';
    else if (session.totp_pending === SESSION_STAGE.awaitingEnrolment) req.pendingSetup = 'totp-enrolment';
    else if (user.must_change_password || passwordExpired(user, settings, s.clock.now()))
      req.pendingSetup = 'password';
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
