import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import type { AuditAction } from '../../core/audit/audit.catalogue.ts';
import { hashPassword, verifyPassword } from '../../core/auth/password.ts';
import { MINUTE, toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import type { SecuritySettings } from '../security/index.ts';
import {
  findUserById,
  releaseLoginAttempt,
  reserveLoginAttempt,
  updateUserState,
} from '../../core/auth/account.repository.ts';

// Guesses at a user's secrets (the password at login, at a password change or a re-authentication, and
// TOTP codes) share one lockout. Each guess is reserved before it is checked and settled after, so
// parallel guesses cannot outrun the count: at most `lockoutThreshold` are ever checked between locks.

interface Guesser {
  id: number;
  username: string;
}

// Returns the reservation (the count including this guess), or null when the account is locked.
export function reserveGuess(
  s: Services,
  userId: number,
  settings: SecuritySettings,
): Promise<number | null> {
  const now = s.clock.now();
  return reserveLoginAttempt(s.db.kysely, userId, {
    now: toTimestamp(now),
    threshold: settings.lockoutThreshold,
    lockUntil: toTimestamp(new Date(now.getTime() + settings.lockoutMinutes * MINUTE)),
  });
}

// A wrong guess stays counted and is audited; the guess that reached the threshold also records the lock.
// Returns the end of the lock when this guess locked the account.
export async function settleWrongGuess(
  s: Services,
  ctx: RequestContext,
  user: Guesser,
  reserved: number,
  settings: SecuritySettings,
  failure: { action: AuditAction; note?: Record<string, unknown> },
): Promise<string | null> {
  const who = { actorName: user.username, objectType: 'user', objectId: user.id };
  return s.db.kysely.transaction().execute(async (trx) => {
    await s.audit.record(trx, ctx, {
      ...who,
      action: failure.action,
      outcome: 'failure',
      note: { ...failure.note, failures: reserved },
    });
    if (reserved < settings.lockoutThreshold) return null;
    const lockedUntil = (await findUserById(trx, user.id))?.locked_until ?? null;
    // A right guess checked in parallel may have lifted the lock already.
    if (!lockedUntil || lockedUntil <= toTimestamp(s.clock.now())) return null;
    await s.audit.record(trx, ctx, {
      ...who,
      action: 'auth.lockout',
      outcome: 'failure',
      note: { lockedUntil },
    });
    return lockedUntil;
  });
}

// A right guess that completes a sign-in step clears the failures and any lock.
export async function settleRightGuess(trx: Transaction<Database>, userId: number): Promise<void> {
  await updateUserState(trx, userId, { failed_logins: 0, locked_until: null });
}

// A right password that does not by itself sign in (a TOTP code is still to come) gives its guess back
// without clearing earlier failures.
export function releaseGuess(
  s: Services,
  userId: number,
  reserved: number,
  settings: SecuritySettings,
): Promise<void> {
  return releaseLoginAttempt(s.db.kysely, userId, reserved, settings.lockoutThreshold);
}

export function lockedError(until: string) {
  // Rounded up to the minute: "after 09:27" must not invite a try at 09:26:50 that is still refused.
  const hhmm = toTimestamp(new Date(Math.ceil(Date.parse(until) / MINUTE) * MINUTE)).slice(11, 16);
  return appError('ACCOUNT_LOCKED', `账户已锁定，请于 ${hhmm} 后再试`, { lockedUntil: until });
}

// A hash to compare against when no real check may happen (unknown name, locked account), so every
// refused sign-in costs the same time and tells nothing about the account.
let dummyHash: Promise<string> | null = null;

export async function spendPasswordCheck(s: Services, password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-password', s.config.password.iterations);
  await verifyPassword(password, await dummyHash);
}
