import { sql, type Kysely, type Transaction } from 'kysely';
import { likeContains } from '../../db/like.ts';
import type { Database, NewUser, UserRow, UserUpdate } from '../../db/schema.ts';
import type { Role } from '../../core/access/roles.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type UserWithOrg = UserRow & {
  unit_name: string | null;
  region_name: string | null;
  region_path: string | null;
};

function usersWithOrg(db: Q) {
  return db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .leftJoin('regions', 'regions.code', 'users.region_code')
    .selectAll('users')
    .select(['units.name as unit_name', 'regions.name as region_name', 'regions.path as region_path']);
}

export function findUserById(db: Q, id: number): Promise<UserWithOrg | undefined> {
  return usersWithOrg(db).where('users.id', '=', id).executeTakeFirst();
}

// Usernames are unique without regard to case; lower(username) is the indexed expression.
export function findUserByUsername(db: Q, username: string): Promise<UserWithOrg | undefined> {
  return usersWithOrg(db)
    .where(sql<string>`lower(users.username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function countUsers(db: Q): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserListFilter {
  unitId?: number | undefined;
  status?: string | undefined;
  q?: string | undefined;
  afterId?: number | undefined;
  limit: number;
}

export function listUsers(db: Q, f: UserListFilter): Promise<UserWithOrg[]> {
  let q = usersWithOrg(db);
  if (f.unitId !== undefined) q = q.where('users.unit_id', '=', f.unitId);
  if (f.status) q = q.where('users.status', '=', f.status as UserRow['status']);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) =>
      eb.or([likeContains('users.username', text), likeContains('users.display_name', text)]),
    );
  }
  if (f.afterId !== undefined) q = q.where('users.id', '>', f.afterId);
  return q.orderBy('users.id').limit(f.limit).execute();
}

export async function listRolesByUserIds(db: Q, ids: number[]): Promise<Map<number, Role[]>> {
  const map = new Map<number, Role[]>();
  if (!ids.length) return map;
  const rows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where('user_id', 'in', ids)
    .execute();
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.role as Role]);
  return map;
}

export async function listRolesOfUser(db: Q, id: number): Promise<Role[]> {
  return (await listRolesByUserIds(db, [id])).get(id) ?? [];
}

export function insertUser(trx: Q, row: NewUser): Promise<UserRow> {
  return trx.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

// Version-checked update for edits a person makes; returns undefined when the version is stale.
export function updateUserVersioned(trx: Q, id: number, version: number, changes: UserUpdate) {
  return trx
    .updateTable('users')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

// Unversioned update for bookkeeping the system does (failed-login counters, TOTP step).
export async function updateUserState(trx: Q, id: number, changes: UserUpdate): Promise<void> {
  await trx.updateTable('users').set(changes).where('id', '=', id).execute();
}

// Reserves one guess at the user's secret before it is checked: counts it and, when the count reaches the
// threshold, locks the account in the same statement, so that no more than `threshold` guesses are ever
// in flight or checked between two locks. A lock that has run out starts the count afresh. Returns the
// count including this guess, or null when the account is locked (nothing was reserved).
export async function reserveLoginAttempt(
  db: Q,
  id: number,
  opts: { now: string; threshold: number; lockUntil: string },
): Promise<number | null> {
  const row = await db
    .updateTable('users')
    .set((eb) => {
      const expired = eb.and([eb('locked_until', 'is not', null), eb('locked_until', '<=', opts.now)]);
      const count = eb
        .case()
        .when(expired)
        .then(eb.lit(1))
        .else(eb('failed_logins', '+', 1))
        .end();
      return {
        failed_logins: count,
        locked_until: eb
          .case()
          .when(count, '>=', opts.threshold)
          .then(opts.lockUntil)
          .when(expired)
          .then(null)
          .else(eb.ref('locked_until'))
          .end(),
      };
    })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', opts.now)]))
    .returning('failed_logins')
    .executeTakeFirst();
  return row ? row.failed_logins : null;
}

// Gives back a reserved guess that turned out right but does not yet clear the failures (a password
// with a code still to come): the count goes down by one, and a lock this guess set is lifted.
export async function releaseLoginAttempt(db: Q, id: number, reserved: number, threshold: number) {
  await db
    .updateTable('users')
    .set((eb) => ({
      failed_logins: eb
        .case()
        .when('failed_logins', '>', 0)
        .then(eb('failed_logins', '-', 1))
        .else(0)
        .end(),
      ...(reserved >= threshold ? { locked_until: null } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

// Records a TOTP step as used unless this or a later one already was: of two requests with the same
// code, only one gets true.
export async function claimTotpStep(trx: Q, id: number, step: number): Promise<boolean> {
  const result = await trx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceUserRoles(trx: Q, id: number, roles: Role[]): Promise<void> {
  await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
  if (roles.length)
    await trx
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: id, role })))
      .execute();
}
