import { z } from 'zod';
import { findSessionById } from '../../core/auth/session.repository.ts';
import type { Actor } from '../../core/access/actor.ts';
import { permissionsOf, type Role } from '../../core/access/roles.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { SessionRow } from '../../db/schema.ts';
import { roleId } from '../org/index.ts';
import { findUserById, listRolesOfUser } from '../../core/auth/account.repository.ts';
import { loadSecuritySettings, securitySettingsOfRequest, type SecuritySettings } from '../security/index.ts';
import { passwordExpired } from './auth.service.ts';

export const meSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(roleId),
    permissions: z.array(z.string()),
    unit: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    region: z.object({ code: z.string(), name: z.string() }).nullable(),
    mustChangePassword: z.boolean(),
    pendingSetup: z.enum(['password', 'totp', 'totp-enrolment']).nullable(),
    totpEnabled: z.boolean(),
    // The last time an administrator reset this account's password, and who: shown to the user so a reset
    // they did not ask for does not go unnoticed. `pending` while the one-time password is still in use.
    passwordReset: z.object({ at: z.string(), by: z.string(), pending: z.boolean() }).nullable(),
    csrfToken: z.string(),
  })
  .meta({ id: 'Me' });

export async function getMe(s: Services, userId: number, sessionId: string, pendingSetup?: string | null) {
  const session = await findSessionById(s.db.kysely, sessionId);
  if (!session) throw appError('UNAUTHENTICATED');
  const settings = await loadSecuritySettings(s.db.kysely, s.config);
  return presentMe(s, userId, await listRolesOfUser(s.db.kysely, userId), settings, session, pendingSetup);
}

// GET /api/auth/me: the session and roles are those this very request was authenticated with.
export async function getMeOfRequest(
  s: Services,
  actor: Actor,
  session: SessionRow,
  pendingSetup: string | null,
) {
  const settings = await securitySettingsOfRequest(s.db.kysely, s.config);
  return presentMe(s, actor.userId, actor.roles, settings, session, pendingSetup);
}

async function presentMe(
  s: Services,
  userId: number,
  roles: Role[],
  settings: SecuritySettings,
  session: SessionRow,
  pendingSetup?: string | null,
) {
  const user = await findUserById(s.db.kysely, userId);
  if (!user) throw appError('UNAUTHENTICATED');
  const mustChange = user.must_change_password === 1 || passwordExpired(user, settings, s.clock.now());
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    roles,
    permissions: [...permissionsOf(roles)],
    unit: user.unit_id !== null && user.unit_name ? { id: user.unit_id, name: user.unit_name } : null,
    region:
      user.region_code !== null && user.region_name
        ? { code: user.region_code, name: user.region_name }
        : null,
    mustChangePassword: mustChange,
    pendingSetup: (pendingSetup ?? (mustChange ? 'password' : null)) as
      'password' | 'totp' | 'totp-enrolment' | null,
    totpEnabled: user.totp_enabled === 1,
    passwordReset:
      user.password_reset_at && user.password_reset_by
        ? {
            at: user.password_reset_at,
            by: user.password_reset_by,
            pending: user.must_change_password === 1,
          }
        : null,
    csrfToken: session.csrf_token,
  };
}
