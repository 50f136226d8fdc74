// The ledger's `regionCode` filter: a Luoshi region's subtree, applied on top of the reader's own filter
// (so a region above the reader's own narrows nothing and one outside it finds nothing; it never widens
// what a reader sees). An unknown code answers 404 like everywhere else.
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { findRegionByCode } from './pairing.repository.ts';

export interface Region {
  code: string;
  name: string;
  path: string;
}

export async function regionOf(s: Services, code: string | undefined): Promise<Region | undefined> {
  if (code === undefined) return undefined;
  const region = await findRegionByCode(s.db.kysely, code);
  if (!region) throw appError('REGION_NOT_FOUND');
  return region;
}
