import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import type { AuditAction } from '../../core/audit/audit.catalogue.ts';
import { ADMIN_ROLES, type Role } from '../../core/access/roles.ts';
import {
  checkPasswordPolicy,
  describePasswordPolicy,
  hashPassword,
  verifyPassword,
} from '../../core/auth/password.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  insertSession,
  renewSession,
} from '../../core/auth/session.repository.ts';
import { SESSION_STAGE, newSessionToken, type SessionToken } from '../../core/auth/sessions.ts';
import type { Database } from '../../db/schema.ts';
import { generateTotpSecret, matchTotp, totpUri } from '../../core/auth/totp.ts';
import { DAY, HOUR, MINUTE, toTimestamp } from '../../core/clock.ts';
import { type AppError, appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { loadSecuritySettings, passwordPolicyOf, type SecuritySettings } from '../security/index.ts';
import {
  findUserById,
  findUserByUsername,
  listRolesOfUser,
  claimTotpStep,
  updateUserState,
  type UserWithOrg,
} from '../../core/auth/account.repository.ts';
import {
  lockedError,
  releaseGuess,
  reserveGuess,
  settleRightGuess,
  settleWrongGuess,
  spendPasswordCheck,
} from './attempts.ts';

export type LoginOutcome =
  | { kind: 'signed-in'; token: string; userId: number }
  | { kind: 'totp-required'; token: string }
  | { kind: 'totp-enrolment-required'; token: string };

export async function login(
  s: Services,
  ctx: RequestContext,
  input: { username: string; password: string; userAgent: string; replacesSessionId: string | null },
): Promise<LoginOutcome> {
  const settings = await loadSecuritySettings(s.db.kysely, s.config);
  const user = await findUserByUsername(s.db.kysely, input.username);
  const now = s.clock.now();
  if (!user) {
    await spendPasswordCheck(s, input.password);
    // The typed name is not recorded: people type passwords into the username box.
    await s.audit.recordAlone(ctx, {
      action: 'auth.login_failed',
      outcome: 'failure',
      note: { reason: 'unknown_user' },
    });
    throw appError('INVALID_CREDENTIALS');
  }
  const failAs = { actorName: user.username, objectType: 'user', objectId: user.id };
  const reserved = await reserveGuess(s, user.id, settings);
  if (reserved === null) {
    // A locked account answers exactly like an unknown name or a wrong password, in the same time, so
    // the answer does not tell whether the name exists (the lock is visible to administrators).
    await spendPasswordCheck(s, input.password);
    await s.audit.recordAlone(ctx, {
      ...failAs,
      action: 'auth.login_failed',
      outcome: 'failure',
      note: { reason: 'locked' },
    });
    throw appError('INVALID_CREDENTIALS');
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    await settleWrongGuess(s, ctx, user, reserved, settings, {
      action: 'auth.login_failed',
      note: { reason: 'wrong_password' },
    });
    throw appError('INVALID_CREDENTIALS');
  }
  const refuse = async (reason: string, error: AppError) => {
    await releaseGuess(s, user.id, reserved, settings);
    await s.audit.recordAlone(ctx, {
      ...failAs,
      action: 'auth.login_failed',
      outcome: 'failure',
      note: { reason },
    });
    return error;
  };
  if (user.status !== 'active') throw await refuse('disabled', appError('ACCOUNT_DISABLED'));
  if (oneTimePasswordExpired(user, now))
    throw await refuse('one_time_password_expired', appError('ONE_TIME_PASSWORD_EXPIRED'));
  const roles = await listRolesOfUser(s.db.kysely, user.id);
  const stage = !needsTotp(roles, settings, user.totp_enabled === 1)
    ? SESSION_STAGE.active
    : user.totp_enabled
      ? SESSION_STAGE.awaitingTotp
      : SESSION_STAGE.awaitingEnrolment;
  const token = newSessionToken();
  // Housekeeping where sessions are made: ended sessions do not linger in the table.
  await deleteExpiredSessions(
    s.db.kysely,
    toTimestamp(now),
    toTimestamp(new Date(now.getTime() - settings.sessionIdleMinutes * MINUTE)),
  );
  // With a code still to come, the password alone does not clear earlier failures.
  if (stage === SESSION_STAGE.awaitingTotp) await releaseGuess(s, user.id, reserved, settings);
  await s.db.kysely.transaction().execute(async (trx) => {
    if (stage !== SESSION_STAGE.awaitingTotp) await settleRightGuess(trx, user.id);
    if (input.replacesSessionId) await deleteSession(trx, input.replacesSessionId);
    await insertSession(trx, {
      id: token.id,
      user_id: user.id,
      csrf_token: token.csrf,
      totp_pending: stage,
      ip: ctx.ip,
      user_agent: input.userAgent.slice(0, 400),
      created_at: toTimestamp(now),
      last_seen_at: toTimestamp(now),
      expires_at: toTimestamp(new Date(now.getTime() + settings.sessionAbsoluteHours * HOUR)),
    });
    const action = stage === SESSION_STAGE.active ? 'auth.login' : 'auth.password_accepted';
    await s.audit.record(trx, ctx, { ...failAs, action, actorName: user.username });
    // Signing in with a password someone else was shown (an administrator's reset or a new account's
    // initial password) is recorded as such, naming the reset it came from.
    if (user.must_change_password === 1) {
      await s.audit.record(trx, ctx, {
        ...failAs,
        action: 'auth.one_time_password_used',
        note: {
          resetAt: user.password_reset_at,
          resetBy: user.password_reset_by,
          expiresAt: user.one_time_password_expires_at,
        },
      });
    }
  });
  if (stage === SESSION_STAGE.awaitingTotp) return { kind: 'totp-required', token: token.cookie };
  if (stage === SESSION_STAGE.awaitingEnrolment)
    return { kind: 'totp-enrolment-required', token: token.cookie };
  return { kind: 'signed-in', token: token.cookie, userId: user.id };
}

function oneTimePasswordExpired(user: UserWithOrg, now: Date): boolean {
  return (
    user.must_change_password === 1 &&
    user.one_time_password_expires_at !== null &&
    user.one_time_password_expires_at <= toTimestamp(now)
  );
}

// Administrators always; business users when the setting requires it or they enrolled by choice.
function needsTotp(roles: Role[], settings: SecuritySettings, enrolled: boolean): boolean {
  return enrolled || roles.some((r) => ADMIN_ROLES.includes(r)) || settings.totpRequiredForBusiness;
}

export async function verifySecondFactor(
  s: Services,
  ctx: RequestContext,
  sessionId: string,
  userId: number,
  code: string,
): Promise<{ token: string }> {
  const user = await findUserById(s.db.kysely, userId);
  if (!user?.totp_secret || !user.totp_enabled) throw appError('TOTP_INVALID');
  const settings = await loadSecuritySettings(s.db.kysely, s.config);
  // Wrong codes count towards the lockout like wrong passwords: six digits fall to patient guessing.
  const reserved = await reserveGuess(s, user.id, settings);
  if (reserved === null) throw lockedError(await lockedUntilOf(s, user.id));
  const step = matchTotp(s.secrets.open(user.totp_secret), code, s.clock.now(), user.totp_last_step);
  const who = { actorName: user.username, objectType: 'user', objectId: user.id };
  if (step === null) {
    const lockedUntil = await settleWrongGuess(s, ctx, user, reserved, settings, {
      action: 'auth.totp_failed',
    });
    if (lockedUntil) throw lockedError(lockedUntil);
    throw appError('TOTP_INVALID');
  }
  const token = newSessionToken();
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!(await claimTotpStep(trx, user.id, step))) throw appError('TOTP_INVALID');
    await settleRightGuess(trx, user.id);
    await completeSignIn(trx, sessionId, token);
    await s.audit.record(trx, ctx, { ...who, action: 'auth.login', note: { factor: 'totp' } });
  });
  return { token: token.cookie };
}

// The session that passed its last sign-in step gets a new token (and CSRF token): a token seen before the
// second factor, when the session could do almost nothing, is worth nothing after it.
async function completeSignIn(trx: Transaction<Database>, sessionId: string, token: SessionToken) {
  await renewSession(trx, sessionId, {
    id: token.id,
    csrf_token: token.csrf,
    totp_pending: SESSION_STAGE.active,
  });
}

async function lockedUntilOf(s: Services, userId: number): Promise<string> {
  const user = await findUserById(s.db.kysely, userId);
  return user?.locked_until ?? toTimestamp(s.clock.now());
}

// Re-authentication: a change to how the account signs in (its password, its second factor) needs the
// current password in the same request, and wrong ones count towards the lockout like wrong logins.
async function checkCurrentPassword(
  s: Services,
  ctx: RequestContext,
  user: UserWithOrg,
  password: string,
  action: AuditAction,
): Promise<void> {
  const settings = await loadSecuritySettings(s.db.kysely, s.config);
  const reserved = await reserveGuess(s, user.id, settings);
  if (reserved === null) throw lockedError(await lockedUntilOf(s, user.id));
  if (!(await verifyPassword(password, user.password_hash))) {
    const lockedUntil = await settleWrongGuess(s, ctx, user, reserved, settings, {
      action,
      note: { reason: 'wrong_password' },
    });
    if (lockedUntil) throw lockedError(lockedUntil);
    throw appError('INVALID_CREDENTIALS', '当前密码不正确');
  }
}

// Starts enrolment: a fresh secret is stored (sealed) but not yet enabled until a code confirms it. From a
// signed-in session this adds or replaces the second factor, so it needs the current password; during the
// enrolment step of a sign-in the password was checked moments ago to reach that step.
export async function startTotpEnrolment(
  s: Services,
  ctx: RequestContext,
  userId: number,
  reauth: { duringSignIn: boolean; currentPassword?: string | undefined },
) {
  const user = await findUserById(s.db.kysely, userId);
  if (!user) throw appError('USER_NOT_FOUND');
  if (!reauth.duringSignIn) {
    if (!reauth.currentPassword)
      throw appError('REAUTHENTICATION_REQUIRED', '绑定或更换动态验证码须输入当前密码');
    await checkCurrentPassword(s, ctx, user, reauth.currentPassword, 'auth.totp_enrol_start');
  }
  const secret = generateTotpSecret();
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!reauth.duringSignIn) await settleRightGuess(trx, userId);
    // The factor in use stays in force until a code confirms the new secret.
    await updateUserState(trx, userId, { totp_pending_secret: s.secrets.seal(secret) });
    await s.audit.record(trx, ctx, {
      action: 'auth.totp_enrol_start',
      objectType: 'user',
      objectId: userId,
      note: { replacing: user.totp_enabled === 1 },
    });
  });
  return { secret, uri: totpUri(secret, user.username) };
}

export async function confirmTotpEnrolment(
  s: Services,
  ctx: RequestContext,
  sessionId: string,
  userId: number,
  code: string,
): Promise<{ token: string }> {
  const user = await findUserById(s.db.kysely, userId);
  if (!user?.totp_pending_secret) throw appError('TOTP_INVALID', '请先开始绑定动态验证码');
  const step = matchTotp(s.secrets.open(user.totp_pending_secret), code, s.clock.now(), user.totp_last_step);
  if (step === null) throw appError('TOTP_INVALID');
  const token = newSessionToken();
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!(await claimTotpStep(trx, userId, step))) throw appError('TOTP_INVALID');
    await updateUserState(trx, userId, {
      totp_secret: user.totp_pending_secret,
      totp_pending_secret: null,
      totp_enabled: 1,
    });
    await completeSignIn(trx, sessionId, token);
    // Whoever held the old factor's sessions is signed out when the factor is replaced.
    if (user.totp_enabled === 1) await deleteSessionsOfUser(trx, userId, token.id);
    await s.audit.record(trx, ctx, {
      action: 'auth.totp_enrol',
      objectType: 'user',
      objectId: userId,
      note: { replaced: user.totp_enabled === 1 },
    });
  });
  return { token: token.cookie };
}

export async function logout(
  s: Services,
  ctx: RequestContext,
  session: { sessionId: string; userId: number },
): Promise<void> {
  await s.db.kysely.transaction().execute(async (trx) => {
    await deleteSession(trx, session.sessionId);
    await s.audit.record(trx, ctx, { action: 'auth.logout', objectType: 'user', objectId: session.userId });
  });
}

export async function changePassword(
  s: Services,
  ctx: RequestContext,
  input: { userId: number; sessionId: string; currentPassword: string; newPassword: string },
) {
  const user = await findUserById(s.db.kysely, input.userId);
  if (!user) throw appError('USER_NOT_FOUND');
  await checkCurrentPassword(s, ctx, user, input.currentPassword, 'auth.password_change');
  const settings = await loadSecuritySettings(s.db.kysely, s.config);
  await assertPasswordPolicy(input.newPassword, user.username, settings);
  if (await verifyPassword(input.newPassword, user.password_hash)) {
    throw appError('PASSWORD_POLICY', '新密码不能与当前密码相同', { problems: ['新密码不能与当前密码相同'] });
  }
  const hash = await hashPassword(input.newPassword, s.config.password.iterations);
  await s.db.kysely.transaction().execute(async (trx) => {
    await settleRightGuess(trx, user.id);
    await updateUserState(trx, user.id, {
      password_hash: hash,
      password_changed_at: toTimestamp(s.clock.now()),
      must_change_password: 0,
      one_time_password_expires_at: null,
    });
    // Other sessions of this user end: whoever else held the old password is signed out.
    await deleteSessionsOfUser(trx, user.id, input.sessionId);
    await s.audit.record(trx, ctx, { action: 'auth.password_change', objectType: 'user', objectId: user.id });
  });
}

export async function assertPasswordPolicy(password: string, username: string, settings: SecuritySettings) {
  const problems = checkPasswordPolicy(password, username, passwordPolicyOf(settings));
  if (problems.length)
    throw appError('PASSWORD_POLICY', `密码不符合安全策略：${problems.join('；')}`, { problems });
}

/** The password policy in force, with its rules worded for the password form. */
export async function getPasswordPolicy(s: Services) {
  const policy = passwordPolicyOf(await loadSecuritySettings(s.db.kysely, s.config));
  return { ...policy, rules: describePasswordPolicy(policy) };
}

export function passwordExpired(
  user: { password_changed_at: string },
  settings: SecuritySettings,
  now: Date,
): boolean {
  if (settings.passwordExpiryDays === 0) return false;
  return toTimestamp(new Date(now.getTime() - settings.passwordExpiryDays * DAY)) > user.password_changed_at;
}
