import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { PasswordPolicy } from '../../core/auth/password.ts';
import type { Database } from '../../db/schema.ts';
import { findSetting, saveSettingVersioned } from '../../db/settings.repository.ts';

// Security settings a secadmin may change at run time. Config supplies the defaults; a saved row wins.
export const securitySettingsSchema = z.strictObject({
  passwordMinLength: z.number().int().min(8).max(64),
  passwordMinClasses: z.number().int().min(1).max(4),
  passwordForbidUsername: z.boolean(),
  passwordExpiryDays: z.number().int().min(0).max(3650),
  lockoutThreshold: z.number().int().min(1).max(100),
  lockoutMinutes: z.number().int().min(1).max(1440),
  sessionIdleMinutes: z.number().int().min(1).max(1440),
  sessionAbsoluteHours: z.number().int().min(1).max(72),
  totpRequiredForBusiness: z.boolean(),
});
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
    totpRequiredForBusiness: false,
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

// Returns false when the stored version is not the expected one (a concurrent edit).
export async function saveSecuritySettings(
  trx: Transaction<Database>,
  settings: SecuritySettings,
  expectedVersion: number,
  now: string,
): Promise<boolean> {
  return saveSettingVersioned(trx, KEY, JSON.stringify(settings), expectedVersion, now);
}
