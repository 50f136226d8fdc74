// Matching the names a clerk typed to the plan's items and to units: exact, then the same text in
// either width and spacing, then a unit's 简称 (units.aliases, kept by admins on the unit's form); anything else is listed with its likeliest candidates for a person to choose
// (never guessed silently).
import { parseAliases } from '../../org/index.ts';
import { norm, similarity } from './excel.text.ts';

export interface UnitChoice {
  id: number;
  name: string;
  region_name: string;
  // 简称, as stored: a JSON list of strings.
  aliases?: string;
}
export interface UnmatchedUnit {
  name: string;
  rows: number[];
  candidates: { id: number; name: string; regionName: string }[];
}

const CANDIDATES = 5;
const SIMILAR = 0.4;

export class UnitMatcher {
  private readonly exact = new Map<string, UnitChoice[]>();
  private readonly normal = new Map<string, UnitChoice[]>();
  private readonly alias = new Map<string, UnitChoice[]>();
  private readonly byId: Map<number, UnitChoice>;
  readonly unmatched = new Map<string, UnmatchedUnit>();

  constructor(
    private readonly units: UnitChoice[],
    private readonly mapping: Record<string, number>,
  ) {
    for (const u of units) {
      push(this.exact, u.name, u);
      push(this.normal, norm(u.name), u);
      for (const a of new Set(parseAliases(u.aliases ?? '[]').map(norm))) push(this.alias, a, u);
    }
    this.byId = new Map(units.map((u) => [u.id, u]));
  }

  /** The unit a name means, an error in words, or null (then listed in `unmatched` for review). */
  resolve(name: string, row: number): UnitChoice | string | null {
    const mapped = this.mapping[name];
    if (mapped !== undefined) {
      const unit = this.byId.get(mapped);
      return unit ?? `核对时为“${name}”指定的单位（编号 ${mapped}）不存在、已停用或不在本级及下级地区`;
    }
    // A short name two units share is not a match: it is asked, like any other.
    for (const list of [this.exact.get(name), this.normal.get(norm(name)), this.alias.get(norm(name))])
      if (list?.length === 1) return list[0]!;
    const entry = this.unmatched.get(name) ?? { name, rows: [], candidates: this.candidates(name) };
    entry.rows.push(row);
    this.unmatched.set(name, entry);
    return null;
  }

  private candidates(name: string) {
    return this.units
      .map((u) => ({ u, score: similarity(name, u.name) }))
      .filter((c) => c.score >= SIMILAR)
      .sort((a, b) => b.score - a.score || a.u.id - b.u.id)
      .slice(0, CANDIDATES)
      .map(({ u }) => ({ id: u.id, name: u.name, regionName: u.region_name }));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface ItemChoice {
  id: number;
  number: string | null;
  heading: string;
}

/** How an item is written in the 工作要点条目 column on export (and so read back on import). */
export const itemLabel = (item: ItemChoice) =>
  item.number ? `${item.number} ${item.heading}` : item.heading;

/** The plan's items by what a cell may say: the number, the heading, or both. */
export class ItemMatcher {
  private readonly keys = new Map<string, ItemChoice[]>();

  constructor(items: ItemChoice[]) {
    for (const item of items) {
      const keys = new Set([norm(item.heading), norm(itemLabel(item))]);
      if (item.number) keys.add(norm(item.number));
      for (const k of keys) if (k) push(this.keys, k, item);
    }
  }

  resolve(text: string): ItemChoice | string {
    const found = this.keys.get(norm(text));
    if (!found) return `工作要点中没有条目“${text}”，请填写条目的序号或标题`;
    if (found.length > 1) return `“${text}”对应多个条目，请同时写明序号和标题`;
    return found[0]!;
  }
}
