// The not-yet-reported board grouped for reading (pure, unit-tested): region → unit → its tasks, in the
// order the server sends the units (by region code, then unit).
import type { MissingBoard } from './api';

type UnitCount = MissingBoard['units'][number];
type Item = MissingBoard['items'][number];

export interface BoardUnit extends UnitCount {
  items: Item[];
}
export interface BoardRegion {
  regionCode: string;
  regionName: string;
  missing: number;
  returned: number;
  units: BoardUnit[];
}

export function groupBoard(board: Pick<MissingBoard, 'units' | 'items'>): BoardRegion[] {
  const itemsOf = new Map<number, Item[]>();
  for (const item of board.items) {
    const list = itemsOf.get(item.unitId) ?? [];
    list.push(item);
    itemsOf.set(item.unitId, list);
  }
  const regions = new Map<string, BoardRegion>();
  for (const u of board.units) {
    let region = regions.get(u.regionCode);
    if (!region) {
      region = { regionCode: u.regionCode, regionName: u.regionName, missing: 0, returned: 0, units: [] };
      regions.set(u.regionCode, region);
    }
    region.missing += u.missing;
    region.returned += u.returned;
    region.units.push({ ...u, items: itemsOf.get(u.unitId) ?? [] });
  }
  return [...regions.values()];
}
