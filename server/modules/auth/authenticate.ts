import type { Actor } from '../../core/access/actor.ts';
import { permissionsOf } from '../../core/access/roles.ts';
import { dataScopeOf } from '../../core/access/scope.ts';
import { findOrganisationRootId } from '../../core/auth/account.repository.ts';
import { findSessionPrincipal, type SessionPrincipal } from '../../core/auth/principal.repository.ts';
import { SESSION_STAGE, resumeSession, sessionIdOf } from '../../core/auth/sessions.ts';
import type { Authenticated } from '../../core/http/session.plugin.ts';
import type { Services } from '../../core/services.ts';
import { readCache } from '../../db/read-cache.ts';
import { securitySettingsAt } from '../security/index.ts';
import { passwordExpired } from './auth.service.ts';

// What a session's rows say about who is behind it: read in one query, and the actor worked out from it.
interface Principal extends SessionPrincipal {
  actor: Actor;
}

// The principal of a session is kept only while nothing has been written to the database since it was
// read (db/read-cache.ts): disabling a user, ending a session, changing roles or settings — in this
// process or any other — is a write, so the very next request reads afresh. Sessions seen recently, at
// most this many.
const MAX_CACHED_SESSIONS = 10_000;

async function readPrincipal(s: Services, sessionId: string): Promise<Principal | undefined> {
  const found = await findSessionPrincipal(s.db, sessionId);
  if (!found) return undefined;
  const { session, user, roles } = found;
  const scopeOf = (organisationId: number | null) =>
    dataScopeOf({ roles, regionPath: user.region_path, unitId: user.unit_id, organisationId });
  let scope = scopeOf(null);
  // Only a submitter's scope needs the organisation (a walk up the unit tree): look it up just then.
  if (scope.kind === 'none' && roles.includes('submitter') && user.unit_id !== null)
    scope = scopeOf(await findOrganisationRootId(s.db.kysely, user.unit_id));
  // Shared by every request of the session while cached: frozen, so no request can change another's.
  const actor: Actor = Object.freeze({
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: Object.freeze([...roles]) as Actor['roles'],
    permissions: permissionsOf(roles),
    scope: Object.freeze(scope),
    unitId: user.unit_id,
    regionCode: user.region_code,
    regionPath: user.region_path,
    sessionId: session.id,
  });
  return { ...found, session: Object.freeze(session), user: Object.freeze(user), actor };
}

function principalOf(s: Services, sessionId: string): Promise<Principal | undefined> {
  const cache = readCache<Principal | undefined>(s.db, 'session principals', MAX_CACHED_SESSIONS);
  return cache.get(sessionId, () => readPrincipal(s, sessionId));
}

// Turns a session cookie into the actor behind it, or null when the session is missing, timed out, or its
// user is disabled. Handed to the session plugin by app.ts. The session's rows are as fresh as the
// database (see principalOf); the time limits are checked against the clock on every request.
export async function authenticate(s: Services, cookie: string): Promise<Authenticated | null> {
  const found = await principalOf(s, sessionIdOf(cookie));
  if (!found) return null;
  const { session, user, actor } = found;
  const settings = await securitySettingsAt(s.db.kysely, s.config, found.settingsVersion);
  const now = s.clock.now();
  const live = await resumeSession(s.db.kysely, session, now, {
    idleMinutes: settings.sessionIdleMinutes,
    absoluteHours: settings.sessionAbsoluteHours,
  });
  if (!live || user.status !== 'active') return null;
  let pendingSetup: Authenticated['pendingSetup'] = null;
  if (session.totp_pending === SESSION_STAGE.awaitingTotp) pendingSetup = 'totp';
  else if (session.totp_pending === SESSION_STAGE.awaitingEnrolment) pendingSetup = 'totp-enrolment';
  else if (user.must_change_password || passwordExpired(user, settings, now)) pendingSetup = 'password';
  return { session, actor, pendingSetup };
}
