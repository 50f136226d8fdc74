import type { RequestContext } from '../../core/access/actor.ts';
import { ADMIN_ROLES, type Role } from '../../core/access/roles.ts';
import {
  checkPasswordPolicy,
  describePasswordPolicy,
  hashPassword,
  verifyPassword,
} from '../../core/auth/password.ts';
import {
  deleteExpiredSessions,
  deleteSessionsOfUser,
  insertSession,
  setSessionStage,
} from '../../core/auth/session.repository.ts';
import { SESSION_STAGE, newSessionToken } from '../../core/auth/sessions.ts';
import { generateTotpSecret, matchTotp, totpUri } from '../../core/auth/totp.ts';
import { DAY, HOUR, MINUTE, toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import {
  loadSecuritySettings,
  passwordPolicyOf,
  type SecuritySettings,
} from '../security/security.settings.ts';
import {
  findUserById,
  findUserByUsername,
  listRolesOfUser,
  claimTotpStep,
  incrementFailedLogins,
  updateUserState,
  type UserWithOrg,
} from '../org/user.repository.ts';

export type LoginOutcome =
  | { kind: 'signed-in'; token: string; userId: number }
  | { kind: 'totp-required'; token: string }
  | { kind: 'totp-enrolment-required'; token: string };

// A hash to compare against when the username does not exist, so both paths cost the same time.
let dummyHash: Promise<string> | null = null;

export async function login(
  s: Services,
  ctx: RequestContext,
  input: { username: string; password: string; userAgent: string },
): Promise<LoginOutcome> {
  const settings = await loadSecuritySettings(s.db.kysely, s.config);
  const user = await findUserByUsername(s.db.kysely, input.username);
  const now = s.clock.now();
  if (!user) {
    dummyHash ??= hashPassword('not-a-password', s.config.password.iterations);
    await verifyPassword(input.password, await dummyHash);
    // The typed name is not recorded: people type passwords into the username box.
    await s.audit.recordAlone(ctx, {
      action: 'auth.login_failed',
      outcome: 'failure',
      note: { reason: 'unknown_user' },
    });
    throw appError('INVALID_CREDENTIALS');
  }
  const failAs = { actorName: user.username, objectType: 'user', objectId: user.id };
  if (user.locked_until && user.locked_until > toTimestamp(now)) {
    await s.audit.recordAlone(ctx, {
      ...failAs,
      action: 'auth.login_failed',
      outcome: 'failure',
      note: { reason: 'locked' },
    });
    throw lockedError(user.locked_until);
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    await recordFailedLogin(s, ctx, user, settings);
    throw appError('INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') {
    await s.audit.recordAlone(ctx, {
      ...failAs,
      action: 'auth.login_failed',
      outcome: 'failure',
      note: { reason: 'disabled' },
    });
    throw appError('ACCOUNT_DISABLED');
  }
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
  await s.db.kysely.transaction().execute(async (trx) => {
    // With a code still to come, the password alone does not clear earlier failures.
    if (stage !== SESSION_STAGE.awaitingTotp)
      await updateUserState(trx, user.id, { failed_logins: 0, locked_until: null });
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
  });
  if (stage === SESSION_STAGE.awaitingTotp) return { kind: 'totp-required', token: token.cookie };
  if (stage === SESSION_STAGE.awaitingEnrolment)
    return { kind: 'totp-enrolment-required', token: token.cookie };
  return { kind: 'signed-in', token: token.cookie, userId: user.id };
}

// Administrators always; business users when the setting requires it or they enrolled by choice.
function needsTotp(roles: Role[], settings: SecuritySettings, enrolled: boolean): boolean {
  return enrolled || roles.some((r) => ADMIN_ROLES.includes(r)) || settings.totpRequiredForBusiness;
}

function lockedError(until: string) {
  // Rounded up to the minute: "after 09:27" must not invite a try at 09:26:50 that is still refused.
  const hhmm = toTimestamp(new Date(Math.ceil(Date.parse(until) / MINUTE) * MINUTE)).slice(11, 16);
  return appError('ACCOUNT_LOCKED', `账户已锁定，请于 ${hhmm} 后再试`, { lockedUntil: until });
}

async function recordFailedLogin(
  s: Services,
  ctx: RequestContext,
  user: UserWithOrg,
  settings: SecuritySettings,
) {
  const lockedUntil = await s.db.kysely.transaction().execute(async (trx) => {
    const failures = await incrementFailedLogins(trx, user.id);
    const who = { actorName: user.username, objectType: 'user', objectId: user.id };
    await s.audit.record(trx, ctx, {
      ...who,
      action: 'auth.login_failed',
      outcome: 'failure',
      note: { failures },
    });
    if (failures < settings.lockoutThreshold) return null;
    const until = toTimestamp(new Date(s.clock.now().getTime() + settings.lockoutMinutes * MINUTE));
    await updateUserState(trx, user.id, { failed_logins: 0, locked_until: until });
    await s.audit.record(trx, ctx, {
      ...who,
      action: 'auth.lockout',
      outcome: 'failure',
      note: { lockedUntil: until },
    });
    return until;
  });
  if (lockedUntil) throw lockedError(lockedUntil);
}

export async function verifySecondFactor(
  s: Services,
  ctx: RequestContext,
  sessionId: string,
  userId: number,
  code: string,
) {
  const user = await findUserById(s.db.kysely, userId);
  if (!user?.totp_secret || !user.totp_enabled) throw appError('TOTP_INVALID');
  if (user.locked_until && user.locked_until > toTimestamp(s.clock.now()))
    throw lockedError(user.locked_until);
  const step = matchTotp(s.secrets.open(user.totp_secret), code, s.clock.now(), user.totp_last_step);
  const who = { actorName: user.username, objectType: 'user', objectId: user.id };
  if (step === null) {
    await s.audit.recordAlone(ctx, { ...who, action: 'auth.totp_failed', outcome: 'failure' });
    // Wrong codes count towards the lockout like wrong passwords: six digits fall to patient guessing.
    await recordFailedLogin(s, ctx, user, await loadSecuritySettings(s.db.kysely, s.config));
    throw appError('TOTP_INVALID');
  }
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!(await claimTotpStep(trx, user.id, step))) throw appError('TOTP_INVALID');
    await updateUserState(trx, user.id, { failed_logins: 0, locked_until: null });
    await setSessionStage(trx, sessionId, SESSION_STAGE.active);
    await s.audit.record(trx, ctx, { ...who, action: 'auth.login', note: { factor: 'totp' } });
  });
}

// Starts enrolment: a fresh secret is stored (sealed) but not yet enabled until a code confirms it.
export async function startTotpEnrolment(s: Services, ctx: RequestContext, userId: number) {
  const user = await findUserById(s.db.kysely, userId);
  if (!user) throw appError('USER_NOT_FOUND');
  // A session alone must not be able to move the second factor to another device: replacing an
  // enrolled factor goes through the security administrator's reset.
  if (user.totp_enabled) throw appError('FORBIDDEN', '已绑定动态口令；如需更换，请联系安全管理员重置');
  const secret = generateTotpSecret();
  await s.db.kysely.transaction().execute(async (trx) => {
    // The factor in use stays in force until a code confirms the new secret.
    await updateUserState(trx, userId, { totp_pending_secret: s.secrets.seal(secret) });
    await s.audit.record(trx, ctx, { action: 'auth.totp_enrol_start', objectType: 'user', objectId: userId });
  });
  return { secret, uri: totpUri(secret, user.username) };
}

export async function confirmTotpEnrolment(
  s: Services,
  ctx: RequestContext,
  sessionId: string,
  userId: number,
  code: string,
) {
  const user = await findUserById(s.db.kysely, userId);
  if (!user?.totp_pending_secret) throw appError('TOTP_INVALID', '请先开始绑定动态验证码');
  const step = matchTotp(s.secrets.open(user.totp_pending_secret), code, s.clock.now(), user.totp_last_step);
  if (step === null) throw appError('TOTP_INVALID');
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!(await claimTotpStep(trx, userId, step))) throw appError('TOTP_INVALID');
    await updateUserState(trx, userId, {
      totp_secret: user.totp_pending_secret,
      totp_pending_secret: null,
      totp_enabled: 1,
    });
    await setSessionStage(trx, sessionId, SESSION_STAGE.active);
    await s.audit.record(trx, ctx, { action: 'auth.totp_enrol', objectType: 'user', objectId: userId });
  });
}

export async function changePassword(
  s: Services,
  ctx: RequestContext,
  input: { userId: number; sessionId: string; currentPassword: string; newPassword: string },
) {
  const user = await findUserById(s.db.kysely, input.userId);
  if (!user) throw appError('USER_NOT_FOUND');
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    await s.audit.recordAlone(ctx, {
      action: 'auth.password_change',
      outcome: 'failure',
      objectType: 'user',
      objectId: user.id,
    });
    throw appError('INVALID_CREDENTIALS', '当前密码不正确');
  }
  const settings = await loadSecuritySettings(s.db.kysely, s.config);
  await assertPasswordPolicy(input.newPassword, user.username, settings);
  if (await verifyPassword(input.newPassword, user.password_hash)) {
    throw appError('PASSWORD_POLICY', '新密码不能与当前密码相同', { problems: ['新密码不能与当前密码相同'] });
  }
  const hash = await hashPassword(input.newPassword, s.config.password.iterations);
  await s.db.kysely.transaction().execute(async (trx) => {
    await updateUserState(trx, user.id, {
      password_hash: hash,
      password_changed_at: toTimestamp(s.clock.now()),
      must_change_password: 0,
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
