import type { Transaction } from 'kysely';
import type { Database, NewMessage } from '../../db/schema.ts';
import type { Role } from '../access/roles.ts';

type Trx = Transaction<Database>;

// Rows per INSERT: well under SQLite's bound-parameter limit (9 columns each).
const BATCH = 500;

export async function findActiveUserIds(trx: Trx, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

// Active users holding any of the roles, of one unit or of one region (their own region, not below).
export async function findActiveUserIdsWithRoles(
  trx: Trx,
  where: { unitId: number } | { regionCode: string },
  roles: readonly Role[],
): Promise<number[]> {
  if (roles.length === 0) return [];
  let q = trx
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .distinct()
    .where('users.status', '=', 'active')
    .where('user_roles.role', 'in', [...roles]);
  q =
    'unitId' in where
      ? q.where('users.unit_id', '=', where.unitId)
      : q.where('users.region_code', '=', where.regionCode);
  return (await q.execute()).map((r) => r.id);
}

export async function insertMessages(trx: Trx, rows: readonly NewMessage[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx
      .insertInto('messages')
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
}
