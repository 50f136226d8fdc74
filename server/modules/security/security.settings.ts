import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { PasswordPolicy } from '../../core/auth/password.ts';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { findSetting, saveSettingVersioned } from '../../db/settings.repository.ts';

// Security settings a secadmin may change at run time. Config supplies the defaults; a saved row wins.
export const securitySettingsSchema = z
  .strictObject({
    passwordMinLength: z.number().int().min(8).max(64),
    passwordMinClasses: z.number().int().min(1).max(4),
    passwordForbidUsername: z.boolean(),
    passwordExpiryDays: z.number().int().min(0).max(3650),
    lockoutThreshold: z.number().int().min(1).max(100),
    lockoutMinutes: z.number().int().min(1).max(1440),
    sessionIdleMinutes: z.number().int().min(1).max(1440),
    sessionAbsoluteHours: z.number().int().min(1).max(72),
    totpRequiredForBusiness: z.boolean(),
  })
  .meta({ id: 'SecuritySettings' });
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

const KEY = 'security';

/** The password policy in force, as the server checks it and as the password form reads it. */
export function passwordPolicyOf(settings: SecuritySettings): PasswordPolicy {
  return {
    minLength: settings.passwordMinLength,
    minClasses: settings.passwordMinClasses,
    forbidUsername: settings.passwordForbidUsername,
  };
}

export function defaultSecuritySettings(config: Config): SecuritySettings {
  return {
    passwordMinLength: config.password.minLength,
    passwordMinClasses: 3,
    passwordForbidUsername: true,
    passwordExpiryDays: config.password.expiryDays,
    lockoutThreshold: config.lockout.threshold,
    lockoutMinutes: config.lockout.minutes,
    sessionIdleMinutes: config.session.idleMinutes,
    sessionAbsoluteHours: config.session.absoluteHours,
    totpRequiredForBusiness: config.totpRequiredForBusiness,
  };
}

export async function loadSecuritySettings(
  db: Kysely<Database>,
  config: Config,
): Promise<SecuritySettings & { version: number }> {
  const row = await findSetting(db, KEY);
  const defaults = defaultSecuritySettings(config);
  if (!row) return { ...defaults, version: 0 };
  const saved = securitySettingsSchema.partial().parse(JSON.parse(row.value));
  return { ...defaults, ...saved, version: row.version };
}

// Every authenticated request needs the settings and learns their current version in the same query as
// its session (findSessionPrincipal), so they are parsed once per version and the copy is never stale,
// whichever process saved them.
const byVersion = new WeakMap<Kysely<Database>, { config: Config; settings: LoadedSettings }>();
type LoadedSettings = Readonly<SecuritySettings & { version: number }>;

export async function securitySettingsAt(
  db: Kysely<Database>,
  config: Config,
  version: number,
): Promise<LoadedSettings> {
  const hit = byVersion.get(db);
  if (hit && hit.config === config && hit.settings.version === version) return hit.settings;
  const settings = Object.freeze(await loadSecuritySettings(db, config));
  byVersion.set(db, { config, settings });
  return settings;
}

// The settings as fresh as this request's own authentication (which validated the cached copy's version
// in its session query), or at least as new; read from the database when nothing is cached yet.
export async function securitySettingsOfRequest(
  db: Kysely<Database>,
  config: Config,
): Promise<LoadedSettings> {
  const hit = byVersion.get(db);
  if (hit && hit.config === config) return hit.settings;
  return loadSecuritySettings(db, config);
}

// Returns false when the stored version is not the expected one (a concurrent edit).
async function saveSecuritySettings(
  trx: Transaction<Database>,
  settings: SecuritySettings,
  expectedVersion: number,
  now: string,
): Promise<boolean> {
  return saveSettingVersioned(trx, KEY, JSON.stringify(settings), expectedVersion, now);
}

// The security administrator's change: version-checked against the one they read, audited with both.
export async function updateSecuritySettings(
  s: Services,
  ctx: RequestContext,
  settings: SecuritySettings,
  expectedVersion: number,
): Promise<SecuritySettings & { version: number }> {
  const before = await loadSecuritySettings(s.db.kysely, s.config);
  await s.db.kysely.transaction().execute(async (trx) => {
    const saved = await saveSecuritySettings(trx, settings, expectedVersion, toTimestamp(s.clock.now()));
    if (!saved) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'security.settings_update',
      objectType: 'settings',
      objectId: 'security',
      before,
      after: settings,
    });
  });
  return loadSecuritySettings(s.db.kysely, s.config);
}
