import { sql, type Kysely } from 'kysely';

// A unit's name is unique among its siblings: the children of one parent, or the top-level units of one
// region (parent_id is null; NULLs never collide in a unique index on either database, hence two partial
// indexes). The service checks first for a clear message; the indexes hold under concurrent requests.
//
// Databases from before this rule may already hold twins. Refusing to migrate would stop the upgrade, so
// every twin after the first (by id) gets its id appended, visibly (“研究室（重复 12）”), for the system
// administrator to rename, merge or disable; references go by id and are untouched.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

interface UnitName {
  id: number;
  region_code: string;
  parent_id: number | null;
  name: string;
}

export async function up(db: AnyDb): Promise<void> {
  const units: UnitName[] = await db
    .selectFrom('units')
    .select(['id', 'region_code', 'parent_id', 'name'])
    .orderBy('id')
    .execute();
  const seen = new Set<string>();
  for (const u of units) {
    const place =
      u.parent_id === null ? `region:${u.region_code}:${u.name}` : `parent:${u.parent_id}:${u.name}`;
    if (!seen.has(place)) {
      seen.add(place);
      continue;
    }
    // The id makes the new name unique among the siblings too.
    const renamed = `${u.name}（重复 ${u.id}）`;
    await db
      .updateTable('units')
      .set((eb) => ({ name: renamed, version: eb('version', '+', 1) }))
      .where('id', '=', u.id)
      .execute();
  }
  await db.schema
    .createIndex('units_name_under_parent')
    .on('units')
    .columns(['parent_id', 'name'])
    .unique()
    .where('parent_id', 'is not', null)
    .execute();
  await db.schema
    .createIndex('units_top_level_name_in_region')
    .on('units')
    .columns(['region_code', 'name'])
    .unique()
    .where(sql.ref('parent_id'), 'is', null)
    .execute();
}
