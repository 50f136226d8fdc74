// What the demo's history needs to know about the workspace it was seeded into: people and units by name.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export function findUsersWithRoles(db: Kysely<Database>, usernames: readonly string[]) {
  return db
    .selectFrom('users as u')
    .leftJoin('regions as r', 'r.code', 'u.region_code')
    .select(['u.id', 'u.username', 'u.display_name', 'u.unit_id', 'u.region_code', 'r.path as region_path'])
    .select((eb) =>
      eb
        .selectFrom('user_roles as ur')
        .whereRef('ur.user_id', '=', 'u.id')
        .select('ur.role')
        .limit(1)
        .as('role'),
    )
    .where('u.username', 'in', usernames)
    .execute();
}

export function listUnitNames(db: Kysely<Database>) {
  return db.selectFrom('units').select(['id', 'name', 'region_code']).execute();
}
