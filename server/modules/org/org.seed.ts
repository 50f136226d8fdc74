import type { Kysely, Transaction } from 'kysely';
import type { Services } from '../../core/services.ts';
import type { Database, RegionRow, UnitRow } from '../../db/schema.ts';
import { insertRegion } from './region.repository.ts';
import { insertUnit } from './unit.repository.ts';
import { countUsers } from './user.repository.ts';

// Bulk writes for a fresh workspace (the demo seed). Rows go in through the caller's transaction, and
// the caller records one audit event for the whole tree (demo.seed) instead of the region.create and
// unit.create a person's request writes for each row (createRegion, createUnit).

type Q = Kysely<Database> | Transaction<Database>;

export function seedRegion(trx: Q, row: Omit<RegionRow, 'version'>): Promise<RegionRow> {
  return insertRegion(trx, row);
}

// `aliases`: a JSON list of short names (e.g. '["省发展改革委"]'), '[]' when left out.
export function seedUnit(
  trx: Q,
  row: Omit<UnitRow, 'id' | 'version' | 'aliases' | 'head_user_id'> & { aliases?: string },
): Promise<UnitRow> {
  return insertUnit(trx, row);
}

export function userCount(s: Services): Promise<number> {
  return countUsers(s.db.kysely);
}
