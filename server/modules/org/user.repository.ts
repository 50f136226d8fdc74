import type { Kysely, Transaction } from 'kysely';
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

export function findUserByUsername(db: Q, username: string): Promise<UserWithOrg | undefined> {
  return usersWithOrg(db).where('users.username', '=', username).executeTakeFirst();
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

// Counts a failure atomically, so parallel wrong guesses cannot share one count.
export async function incrementFailedLogins(trx: Q, id: number): Promise<number> {
  const row = await trx
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return row.failed_logins;
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
