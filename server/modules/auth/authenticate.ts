import type { Actor } from '../../core/access/actor.ts';
import { permissionsOf } from '../../core/access/roles.ts';
import { dataScopeOf } from '../../core/access/scope.ts';
import { SESSION_STAGE, resumeSession } from '../../core/auth/sessions.ts';
import type { Authenticated } from '../../core/http/session.plugin.ts';
import type { Services } from '../../core/services.ts';
import { findOrganisationRootId } from '../org/unit.repository.ts';
import { findUserById, listRolesOfUser } from '../org/user.repository.ts';
import { loadSecuritySettings } from '../security/security.settings.ts';
import { passwordExpired } from './auth.service.ts';

// Turns a session cookie into the actor behind it, or null when the session is missing, timed out, or its
// user is disabled. Handed to the session plugin by app.ts.
export async function authenticate(s: Services, cookie: string): Promise<Authenticated | null> {
  const settings = await loadSecuritySettings(s.db.kysely, s.config);
  const session = await resumeSession(s.db.kysely, cookie, s.clock.now(), {
    idleMinutes: settings.sessionIdleMinutes,
    absoluteHours: settings.sessionAbsoluteHours,
  });
  if (!session) return null;
  const user = await findUserById(s.db.kysely, session.user_id);
  if (!user || user.status !== 'active') return null;
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
  let pendingSetup: Authenticated['pendingSetup'] = null;
  if (session.totp_pending === SESSION_STAGE.awaitingTotp) pendingSetup = 'totp';
  else if (session.totp_pending === SESSION_STAGE.awaitingEnrolment) pendingSetup = 'totp-enrolment';
  else if (user.must_change_password || passwordExpired(user, settings, s.clock.now()))
    pendingSetup = 'password';
  return { session, actor, pendingSetup };
}
