// A user as the subject of authentication: the row with its unit and region, its roles, and the state
// that signing in keeps (failed guesses, lock, TOTP step). Authentication (modules/auth) and user
// administration (modules/org) both read users this way, so it lives in core beside the session and
// principal queries rather than in either module.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, UserRow, UserUpdate } from '../../db/schema.ts';
import type { Role } from '../access/roles.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type UserWithOrg = UserRow & {
  unit_name: string | null;
  region_name: string | null;
  region_path: string | null;
};

export function usersWithOrg(db: Q) {
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

// The organisation a unit belongs to: the top of its unit tree (a submitter sees that organisation).
export async function findOrganisationRootId(db: Q, unitId: number): Promise<number> {
  let current = unitId;
  for (let depth = 0; depth < 32; depth++) {
    const row = await db.selectFrom('units').select('parent_id').where('id', '=', current).executeTakeFirst();
    if (!row || row.parent_id === null) return current;
    current = row.parent_id;
  }
  return current;
}
