import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { ADMIN_ROLES, roleConflict, type Role } from '../../core/access/roles.ts';
import { generatePassword, hashPassword } from '../../core/auth/password.ts';
import { deleteSessionsOfUser } from '../../core/auth/session.repository.ts';
import { HOUR, toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import type { Services } from '../../core/services.ts';
import type { Database, UserRow } from '../../db/schema.ts';
import { findRegionByCode } from './region.repository.ts';
import { findUnitById } from './unit.repository.ts';
import {
  findUserById,
  findUserByUsername,
  listRolesByUserIds,
  listRolesOfUser,
  updateUserState,
  type UserWithOrg,
} from '../../core/auth/account.repository.ts';
import { insertUser, listUsers, replaceUserRoles, updateUserVersioned } from './user.repository.ts';

/**
 * Whether an account's password may only be reset on the server's console. A system administrator who
 * could set an auditor's or security administrator's password could act as them, so 三员 accounts are
 * reset only there (npx luoshi user reset-password). The list of users carries the answer, so the page
 * offers 重置密码 exactly where the server will do it.
 */
function passwordResetOnConsoleOnly(roles: readonly Role[]): boolean {
  return roles.some((r) => ADMIN_ROLES.includes(r));
}

/**
 * Whether the page may never disable an account: the system administrator must not be able to silence the
 * people who watch it (security administrator, auditor). The list of users carries the answer,
 * so the page offers 停用 exactly where the server will do it (besides the viewer's own row: nobody
 * disables their own account, which the page knows without asking).
 */
function disableForbidden(roles: readonly Role[]): boolean {
  return roles.some((r) => r === 'secadmin' || r === 'auditor');
}

export function userRowToUser(u: UserWithOrg, roles: Role[], now: string) {
  const locked = u.locked_until !== null && u.locked_until > now;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    unit: u.unit_id !== null && u.unit_name !== null ? { id: u.unit_id, name: u.unit_name } : null,
    region:
      u.region_code !== null && u.region_name !== null ? { code: u.region_code, name: u.region_name } : null,
    roles,
    status: u.status,
    locked,
    lockedUntil: locked ? u.locked_until : null,
    totpEnabled: u.totp_enabled === 1,
    mustChangePassword: u.must_change_password === 1,
    passwordResetOnConsoleOnly: passwordResetOnConsoleOnly(roles),
    disableForbidden: disableForbidden(roles),
    version: u.version,
  };
}
export type User = ReturnType<typeof userRowToUser>;

async function presentUser(
  s: Services,
  trx: Transaction<Database> | Services['db']['kysely'],
  id: number,
): Promise<User> {
  const row = await findUserById(trx, id);
  if (!row) throw appError('USER_NOT_FOUND');
  return userRowToUser(row, await listRolesOfUser(trx, id), toTimestamp(s.clock.now()));
}

export async function listUsersPage(
  s: Services,
  q: {
    q?: string | undefined;
    unitId?: number | undefined;
    status?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const rows = await listUsers(s.db.kysely, {
    ...q,
    afterId: decodeCursor<number>(q.cursor, 'number'),
    limit: q.limit + 1,
  });
  const roles = await listRolesByUserIds(
    s.db.kysely,
    rows.map((r) => r.id),
  );
  const now = toTimestamp(s.clock.now());
  return pageOf(
    rows,
    q.limit,
    (u) => u.id,
    (u) => userRowToUser(u, roles.get(u.id) ?? [], now),
  );
}

export function getUser(s: Services, id: number): Promise<User> {
  return presentUser(s, s.db.kysely, id);
}

interface NewUserInput {
  username: string;
  displayName: string;
  unitId?: number | null | undefined;
  regionCode?: string | null | undefined;
}

// Resolves the region a user's data scope hangs on: given explicitly, or the region of their unit.
async function resolveOrg(
  trx: Transaction<Database>,
  unitId: number | null | undefined,
  regionCode: string | null | undefined,
) {
  let region = regionCode ?? null;
  if (unitId) {
    const unit = await findUnitById(trx, unitId);
    if (!unit) throw appError('UNIT_NOT_FOUND');
    region ??= unit.region_code;
  }
  if (region && !(await findRegionByCode(trx, region))) throw appError('REGION_NOT_FOUND');
  return { unit_id: unitId ?? null, region_code: region };
}

// An administrator creates the account; a random one-time password is returned once and must be
// changed at first login. Roles are granted separately, by the security administrator.
export async function createUser(s: Services, ctx: RequestContext, input: NewUserInput) {
  const initialPassword = generatePassword();
  const user = await insertNewUser(s, ctx, input, {
    password: initialPassword,
    roles: [],
    mustChange: true,
    expiresAt: oneTimePasswordEnd(s),
  });
  return { user, initialPassword };
}

// A one-time password (a new account's, or an administrator's reset) works for a bounded time.
function oneTimePasswordEnd(s: Services): string {
  return toTimestamp(new Date(s.clock.now().getTime() + s.config.oneTimePasswordHours * HOUR));
}

// Who did something, as the user will be shown it: the administrator's name, or the server's console.
function actorLabel(ctx: RequestContext): string {
  return ctx.actor ? `${ctx.actor.displayName}（${ctx.actor.username}）` : '服务器控制台';
}

function usernameTaken(wanted: string, existing: string) {
  return appError(
    'USERNAME_TAKEN',
    wanted === existing
      ? `用户名 ${wanted} 已被使用`
      : `用户名 ${wanted} 与已有账户 ${existing} 只有大小写不同；用户名不区分大小写，请换一个`,
  );
}

export async function insertNewUser(
  s: Services,
  ctx: RequestContext,
  input: NewUserInput,
  credentials: { password: string; roles: Role[]; mustChange: boolean; expiresAt?: string },
): Promise<User> {
  const conflict = roleConflict(credentials.roles);
  if (conflict) throw appError('ROLE_CONFLICT', conflict);
  const hash = await hashPassword(credentials.password, s.config.password.iterations);
  return s.db.kysely.transaction().execute(async (trx) => {
    const existing = await findUserByUsername(trx, input.username);
    if (existing) throw usernameTaken(input.username, existing.username);
    const now = toTimestamp(s.clock.now());
    const row = await insertUser(trx, {
      one_time_password_expires_at: credentials.expiresAt ?? null,
      username: input.username,
      display_name: input.displayName,
      ...(await resolveOrg(trx, input.unitId, input.regionCode)),
      status: 'active',
      password_hash: hash,
      password_changed_at: now,
      must_change_password: credentials.mustChange ? 1 : 0,
      failed_logins: 0,
      totp_enabled: 0,
      created_at: now,
      updated_at: now,
    });
    await replaceUserRoles(trx, row.id, credentials.roles);
    const user = await presentUser(s, trx, row.id);
    await s.audit.record(trx, ctx, {
      action: 'user.create',
      objectType: 'user',
      objectId: row.id,
      after: user,
    });
    return user;
  });
}

export async function updateUser(
  s: Services,
  ctx: RequestContext,
  id: number,
  version: number,
  changes: {
    displayName?: string | undefined;
    unitId?: number | null | undefined;
    regionCode?: string | null | undefined;
    status?: UserRow['status'] | undefined;
  },
) {
  return s.db.kysely.transaction().execute(async (trx) => {
    const before = await presentUser(s, trx, id);
    if (changes.status === 'disabled') assertMayDisable(ctx, before);
    const org =
      changes.unitId !== undefined || changes.regionCode !== undefined
        ? await resolveOrg(
            trx,
            changes.unitId === undefined ? before.unit?.id : changes.unitId,
            changes.regionCode,
          )
        : {};
    const row = await updateUserVersioned(trx, id, version, {
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...org,
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!row) throw appError('VERSION_CONFLICT');
    // Disabling an account ends every session it has, at once.
    const endedSessions = changes.status === 'disabled' ? await deleteSessionsOfUser(trx, id) : 0;
    const after = await presentUser(s, trx, id);
    const action =
      changes.status === 'disabled' && before.status !== 'disabled' ? 'user.disable' : 'user.update';
    await s.audit.record(trx, ctx, {
      action,
      objectType: 'user',
      objectId: id,
      before,
      after,
      note: { endedSessions },
    });
    return after;
  });
}

// Nor may the system administrator lock itself out (disableForbidden covers the watchers).
function assertMayDisable(ctx: RequestContext, target: User) {
  if (!ctx.actor) return;
  if (ctx.actor.userId === target.id) throw appError('FORBIDDEN', '不能停用自己的账户');
  if (target.disableForbidden) throw appError('FORBIDDEN', '安全管理员和审计管理员的账户不能在页面上停用');
}

export async function setUserRoles(
  s: Services,
  ctx: RequestContext,
  id: number,
  version: number,
  roles: Role[],
) {
  const unique = [...new Set(roles)];
  // An account without a role can sign in and do nothing; an account no longer needed is disabled instead.
  if (!unique.length) throw appError('ROLES_REQUIRED');
  const conflict = roleConflict(unique);
  if (conflict) throw appError('ROLE_CONFLICT', conflict);
  return s.db.kysely.transaction().execute(async (trx) => {
    const before = await presentUser(s, trx, id);
    if (ctx.actor?.userId === id) throw appError('FORBIDDEN', '不能修改自己的角色');
    const row = await updateUserVersioned(trx, id, version, { updated_at: toTimestamp(s.clock.now()) });
    if (!row) throw appError('VERSION_CONFLICT');
    await replaceUserRoles(trx, id, unique);
    // New permissions take effect at the next sign-in; ending sessions makes that immediate.
    await deleteSessionsOfUser(trx, id);
    const after = await presentUser(s, trx, id);
    await s.audit.record(trx, ctx, {
      action: 'user.roles_set',
      objectType: 'user',
      objectId: id,
      before: { roles: before.roles },
      after: { roles: after.roles },
    });
    return after;
  });
}

export async function resetUserPassword(s: Services, ctx: RequestContext, id: number) {
  const initialPassword = generatePassword();
  const hash = await hashPassword(initialPassword, s.config.password.iterations);
  await s.db.kysely.transaction().execute(async (trx) => {
    const target = await presentUser(s, trx, id);
    if (ctx.actor && target.passwordResetOnConsoleOnly) {
      throw appError(
        'FORBIDDEN',
        '三员账户的密码不能在页面上重置，请在服务器上使用命令 npx luoshi user reset-password',
      );
    }
    const now = toTimestamp(s.clock.now());
    const expiresAt = oneTimePasswordEnd(s);
    // The second factor stays as it is: a reset gives a password, never a way around the TOTP.
    await updateUserState(trx, id, {
      password_hash: hash,
      must_change_password: 1,
      password_changed_at: now,
      password_reset_at: now,
      password_reset_by: actorLabel(ctx),
      one_time_password_expires_at: expiresAt,
    });
    await deleteSessionsOfUser(trx, id);
    await s.audit.record(trx, ctx, {
      action: 'user.password_reset',
      objectType: 'user',
      objectId: id,
      note: { oneTimePasswordExpiresAt: expiresAt, totpKept: target.totpEnabled },
    });
  });
  return { initialPassword };
}

export async function unlockUser(s: Services, ctx: RequestContext, id: number) {
  return s.db.kysely.transaction().execute(async (trx) => {
    await presentUser(s, trx, id);
    await updateUserState(trx, id, { failed_logins: 0, locked_until: null });
    await s.audit.record(trx, ctx, { action: 'user.unlock', objectType: 'user', objectId: id });
    return presentUser(s, trx, id);
  });
}

export async function resetUserTotp(s: Services, ctx: RequestContext, id: number) {
  // Resetting one's own second factor would let a stolen session of the security administrator switch
  // it off: the console (npx luoshi user reset-totp) is the way for that account.
  if (ctx.actor?.userId === id)
    throw appError('FORBIDDEN', '不能重置自己的动态验证码，请在服务器上使用命令 npx luoshi user reset-totp');
  return s.db.kysely.transaction().execute(async (trx) => {
    await presentUser(s, trx, id);
    await updateUserState(trx, id, {
      totp_secret: null,
      totp_pending_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
    });
    await deleteSessionsOfUser(trx, id);
    await s.audit.record(trx, ctx, { action: 'user.totp_reset', objectType: 'user', objectId: id });
    return presentUser(s, trx, id);
  });
}

export async function resetUserPasswordByName(s: Services, ctx: RequestContext, username: string) {
  const user = await findUserByUsername(s.db.kysely, username);
  if (!user) throw appError('USER_NOT_FOUND');
  return resetUserPassword(s, ctx, user.id);
}

export async function unlockUserByName(s: Services, ctx: RequestContext, username: string) {
  const user = await findUserByUsername(s.db.kysely, username);
  if (!user) throw appError('USER_NOT_FOUND');
  return unlockUser(s, ctx, user.id);
}

export async function resetUserTotpByName(s: Services, ctx: RequestContext, username: string) {
  const user = await findUserByUsername(s.db.kysely, username);
  if (!user) throw appError('USER_NOT_FOUND');
  return resetUserTotp(s, ctx, user.id);
}

// Console recovery: re-enables an account (and clears any lock), the way back for a 三员 account that
// was disabled or locked out.
export async function enableUserByName(s: Services, ctx: RequestContext, username: string) {
  const user = await findUserByUsername(s.db.kysely, username);
  if (!user) throw appError('USER_NOT_FOUND');
  return s.db.kysely.transaction().execute(async (trx) => {
    const before = await presentUser(s, trx, user.id);
    const row = await updateUserVersioned(trx, user.id, before.version, {
      status: 'active',
      failed_logins: 0,
      locked_until: null,
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!row) throw appError('VERSION_CONFLICT');
    const after = await presentUser(s, trx, user.id);
    await s.audit.record(trx, ctx, {
      action: 'user.enable',
      objectType: 'user',
      objectId: user.id,
      before,
      after,
    });
    return after;
  });
}
