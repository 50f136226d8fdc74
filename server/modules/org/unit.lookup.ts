// Units as other modules look them up by name: a region's active units with their short names (简称),
// e.g. to resolve a plan item's suggested lead unit.
import type { Services } from '../../core/services.ts';
import { listActiveUnitsOfRegion } from './unit.repository.ts';

export interface NamedUnit {
  id: number;
  name: string;
  aliases: string[];
}

/** Reads a stored aliases column: a JSON list of strings; anything else counts as none. */
export function parseAliases(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}

export async function unitsOfRegion(s: Services, regionCode: string): Promise<NamedUnit[]> {
  const rows = await listActiveUnitsOfRegion(s.db.kysely, regionCode);
  return rows.map((r) => ({ id: r.id, name: r.name, aliases: parseAliases(r.aliases) }));
}
