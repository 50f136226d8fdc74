// What records of a regional kind (tasks, notices …) a reader sees, as data a list query filters by: all of
// them, a region subtree's, one unit's, or none. Written once here; each module's SQL filter and in-memory
// policy read it.
import type { Actor } from './actor.ts';

export type RecordVisibility =
  { kind: 'all' } | { kind: 'region'; path: string } | { kind: 'unit'; unitId: number } | { kind: 'none' };

export function recordVisibilityOf(actor: Actor | null): RecordVisibility {
  if (!actor) return { kind: 'none' };
  switch (actor.scope.kind) {
    case 'all':
      return { kind: 'all' };
    case 'region':
      return { kind: 'region', path: actor.scope.regionPath };
    case 'unit':
      return { kind: 'unit', unitId: actor.scope.unitId };
    // Submitters see work through their cases (a later module), not by scope.
    case 'organisation':
    case 'none':
      return { kind: 'none' };
  }
}
