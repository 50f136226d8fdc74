import type { Kysely, Transaction } from 'kysely';
import { likeContains } from '../../db/like.ts';
import type { Database, UnitRow } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type UnitWithRegion = UnitRow & {
  region_name: string;
  region_path: string;
  head_display_name: string | null;
};

function unitsWithRegion(db: Q) {
  return db
    .selectFrom('units')
    .innerJoin('regions', 'regions.code', 'units.region_code')
    .leftJoin('users as head', 'head.id', 'units.head_user_id')
    .selectAll('units')
    .select([
      'regions.name as region_name',
      'regions.path as region_path',
      'head.display_name as head_display_name',
    ]);
}

/** Whether the user is an active account of the unit (who may be its 负责人). */
export async function isActiveUserOfUnit(db: Q, userId: number, unitId: number): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('unit_id', '=', unitId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}

export function findUnitById(db: Q, id: number): Promise<UnitWithRegion | undefined> {
  return unitsWithRegion(db).where('units.id', '=', id).executeTakeFirst();
}

export interface UnitListFilter {
  regionCode?: string | undefined;
  underPath?: string | undefined;
  unitIds?: number[] | undefined;
  status?: string | undefined;
  q?: string | undefined;
  afterId?: number | undefined;
  limit: number;
}

export function listUnits(db: Q, f: UnitListFilter): Promise<UnitWithRegion[]> {
  let q = unitsWithRegion(db);
  if (f.regionCode) q = q.where('units.region_code', '=', f.regionCode);
  if (f.underPath) {
    const p = f.underPath;
    q = q.where((eb) => eb.or([eb('regions.path', '=', p), eb('regions.path', 'like', `${p}/%`)]));
  }
  if (f.unitIds) q = q.where('units.id', 'in', f.unitIds.length ? f.unitIds : [-1]);
  if (f.status) q = q.where('units.status', '=', f.status as UnitRow['status']);
  if (f.q) q = q.where(likeContains('units.name', f.q));
  if (f.afterId !== undefined) q = q.where('units.id', '>', f.afterId);
  return q.orderBy('units.id').limit(f.limit).execute();
}

// The unit and every unit below it, for the organisation scope.
export async function listUnitSubtreeIds(db: Q, rootId: number): Promise<number[]> {
  const ids = [rootId];
  let frontier = [rootId];
  while (frontier.length) {
    const children = await db.selectFrom('units').select('id').where('parent_id', 'in', frontier).execute();
    frontier = children.map((c) => c.id).filter((id) => !ids.includes(id));
    ids.push(...frontier);
  }
  return ids;
}

/**
 * The unit of that name among the siblings a unit would have: the children of `parentId`, or the
 * top-level units of the region when it has no parent (the same groups as the unique indexes).
 */
export function findSiblingUnitByName(
  db: Q,
  place: { regionCode: string; parentId: number | null; name: string; exceptId?: number | undefined },
): Promise<UnitRow | undefined> {
  let q = db.selectFrom('units').selectAll().where('name', '=', place.name);
  q =
    place.parentId === null
      ? q.where('parent_id', 'is', null).where('region_code', '=', place.regionCode)
      : q.where('parent_id', '=', place.parentId);
  if (place.exceptId !== undefined) q = q.where('id', '!=', place.exceptId);
  return q.executeTakeFirst();
}

export function insertUnit(
  trx: Q,
  row: Omit<UnitRow, 'id' | 'version' | 'aliases' | 'head_user_id'> & { aliases?: string },
): Promise<UnitRow> {
  return trx.insertInto('units').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateUnit(
  trx: Q,
  id: number,
  version: number,
  changes: Partial<Pick<UnitRow, 'name' | 'kind' | 'parent_id' | 'status' | 'aliases' | 'head_user_id'>> & {
    updated_at: string;
  },
): Promise<UnitRow | undefined> {
  return trx
    .updateTable('units')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** The active units of one region with their short names (JSON), for matching names to units. */
export function listActiveUnitsOfRegion(db: Q, regionCode: string) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'aliases'])
    .where('region_code', '=', regionCode)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}
