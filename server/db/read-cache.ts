// Results of reads kept between requests for as long as nothing at all has been written to the database
// since they were read — by this process or any other (Db.writeGeneration) — so a hit answers exactly what
// the query would answer now. Any write empties the cache. Where the database cannot say cheaply whether
// it changed (PostgreSQL), nothing is kept. docs/decisions/read-cache.md.
import type { Db } from './dialect/dialect.ts';

export class ReadCache<V> {
  readonly #entries = new Map<string, V>();
  #generation: number | null = null;

  constructor(
    private readonly db: Db,
    // Past this many the least recently used entry is dropped.
    private readonly maxEntries = 1000,
  ) {}

  /** The value `load` reads for `key`: kept from an earlier call while the database is unchanged. */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const generation = this.db.writeGeneration();
    if (generation === null) return load();
    if (generation !== this.#generation) {
      this.#entries.clear();
      this.#generation = generation;
    }
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const value = await load();
    // Kept only if nothing was written while it was being read (it might predate that write).
    if (this.db.writeGeneration() === generation && this.#generation === generation) {
      this.#entries.set(key, value);
      if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    }
    return value;
  }
}

const named = new WeakMap<Db, Map<string, ReadCache<unknown>>>();

/** The database's cache of one kind of read (by name), made on first use. */
export function readCache<V>(db: Db, name: string, maxEntries?: number): ReadCache<V> {
  let caches = named.get(db);
  if (!caches) named.set(db, (caches = new Map<string, ReadCache<unknown>>()));
  let cache = caches.get(name);
  if (!cache) caches.set(name, (cache = new ReadCache<unknown>(db, maxEntries)));
  return cache as ReadCache<V>;
}
