// What the generators of `npm run bench:data` share: a small deterministic random source (so two runs at
// one scale give the same database), the prepared INSERT they all write with, and the day's stamp.
import type SQLite from 'better-sqlite3';

export type Progress = (stage: string, done: number, total: number) => void;

export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One prepared INSERT of these columns. */
export const inserter = (conn: SQLite.Database) => (table: string, cols: string[]) =>
  conn.prepare(`insert into ${table} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);

export const pad = (n: number) => String(n).padStart(2, '0');
/** A day's 09:00 in Asia/Shanghai, as the product stamps a row. */
export const stampOf = (date: string) => `${date}T09:00:00.000+08:00`;
