// Values that can never change again: deep-frozen and remembered as such, so whoever receives one may
// keep work derived from it (the response serializer writes such an answer's JSON once,
// core/http/serializer.ts). A shallow Object.freeze is not enough for that, hence the registry.
const registry = new WeakSet<object>();

// Into objects already frozen as well: a shallow freeze elsewhere says nothing about what they hold.
function deepFreeze(value: unknown, seen = new Set<object>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child, seen);
}

/** Freezes the value and everything it holds, and marks it as never changing. */
export function immutable<T extends object>(value: T): Readonly<T> {
  deepFreeze(value);
  registry.add(value);
  return value;
}

export function isImmutable(value: unknown): value is object {
  return typeof value === 'object' && value !== null && registry.has(value);
}
