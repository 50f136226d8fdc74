import type { Kysely, Transaction } from 'kysely';
import { usersWithOrg, type UserWithOrg } from '../../core/auth/account.repository.ts';
import { likeContains } from '../../db/like.ts';
import type { Database, NewUser, UserRow, UserUpdate } from '../../db/schema.ts';
import type { Role } from '../../core/access/roles.ts';

type Q = Kysely<Database> | Transaction<Database>;

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

export async function replaceUserRoles(trx: Q, id: number, roles: Role[]): Promise<void> {
  await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
  if (roles.length)
    await trx
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: id, role })))
      .execute();
}
