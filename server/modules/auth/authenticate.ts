import type { Actor } from '../../core/access/actor.ts';
import { permissionsOf } from '../../core/access/roles.ts';
import { dataScopeOf } from '../../core/access/scope.ts';
import { findOrganisationRootId } from '../../core/auth/account.repository.ts';
import { findSessionPrincipal } from '../../core/auth/principal.repository.ts';
import { SESSION_STAGE, resumeSession, sessionIdOf } from '../../core/auth/sessions.ts';
import type { Authenticated } from '../../core/http/session.plugin.ts';
import type { Services } from '../../core/services.ts';
import { securitySettingsAt } from '../security/index.ts';
import { passwordExpired } from './auth.service.ts';

// Turns a session cookie into the actor behind it, or null when the session is missing, timed out, or its
// user is disabled. Handed to the session plugin by app.ts. One query reads the session, user, roles and
// settings version afresh on every request: nothing about who may do what is cached across requests
// except the parsed settings, and those only while their version is current.
export async function authenticate(s: Services, cookie: string): Promise<Authenticated | null> {
  const found = await findSessionPrincipal(s.db, sessionIdOf(cookie));
  if (!found) return null;
  const { session, user, roles } = found;
  const settings = await securitySettingsAt(s.db.kysely, s.config, found.settingsVersion);
  const live = await resumeSession(s.db.kysely, session, s.clock.now(), {
    idleMinutes: settings.sessionIdleMinutes,
    absoluteHours: settings.sessionAbsoluteHours,
  });
  if (!live || user.status !== 'active') return null;
  const scopeOf = (organisationId: number | null) =>
    dataScopeOf({ roles, regionPath: user.region_path, unitId: user.unit_id, organisationId });
  let scope = scopeOf(null);
  // Only a submitter's scope needs the organisation (a walk up the unit tree): look it up just then.
  if (scope.kind === 'none' && roles.includes('submitter') && user.unit_id !== null)
    scope = scopeOf(await findOrganisationRootId(s.db.kysely, user.unit_id));
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles,
    permissions: permissionsOf(roles),
    scope,
    unitId: user.unit_id,
    regionCode: user.region_code,
    regionPath: user.region_path,
    sessionId: session.id,
  };
  let pendingSetup: Authenticated['pendingSetup'] = null;
  if (session.totp_pending === SESSION_STAGE.awaitingTotp) pendingSetup = 'totp';
  else if (session.totp_pending === SESSION_STAGE.awaitingEnrolment) pendingSetup = 'totp-enrolment';
  else if (user.must_change_password || passwordExpired(user, settings, s.clock.now()))
    pendingSetup = 'password';
  return { session, actor, pendingSetup };
}
