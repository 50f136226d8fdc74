// The dashboard's answer, shared for a few seconds. The answer for a region and year is the same for every
// reader allowed to see that region (the scope is checked before the cache is read), and a province's
// answer takes some fifty milliseconds of CPU to put together from a dozen counter reads; a leaders'
// meeting opening it at once, or a screen refreshing it, must not multiply that. So each process keeps
// each answer for TTL_MS (by the services' clock) and shares one computation among the requests that
// arrive while it runs. A figure may lag a change by at most TTL_MS; the list it opens is always live.
import type { Services } from '../../core/services.ts';

export const TTL_MS = 5_000;
const MAX_ENTRIES = 500;

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

const caches = new WeakMap<Services, Map<string, Entry<unknown>>>();

export function cached<T>(s: Services, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(s);
  if (!cache) caches.set(s, (cache = new Map<string, Entry<unknown>>()));
  const now = s.clock.now().getTime();
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS && now >= hit.at) return hit.value as Promise<T>;
  const value = compute();
  cache.delete(key);
  cache.set(key, { at: now, value });
  // A failed computation is not kept.
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  // The oldest entries go first (a Map keeps insertion order).
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
