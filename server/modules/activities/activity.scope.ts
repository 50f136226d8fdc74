// Who sees what of 品牌活动, in SQL and in memory alike. An event belongs to its organiser unit's region
// (owner_region_path): staff and leaders see their region's subtree, a unit's handlers the events their
// unit organises (and, on the event's page, those it co-organises). A brand is seen along its region's
// line: a city's staff see the province's brands (they hold events under them) and their own subtree's,
// never a sibling city's.
import type { ExpressionBuilder } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { isInSubtree } from '../../core/access/scope.ts';
import type { Database } from '../../db/schema.ts';

export const subtree = (path: string) => [path, `${path}/%`] as const;

/** The paths of a region path and every region above it: '37/3701/370102' → the three of them. */
function lineOf(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

type EventScope =
  { kind: 'all' } | { kind: 'region'; path: string } | { kind: 'unit'; unitId: number } | { kind: 'none' };

export function eventScopeOf(ctx: RequestContext): EventScope {
  const scope = ctx.actor?.scope;
  if (!scope) return { kind: 'none' };
  if (scope.kind === 'all') return { kind: 'all' };
  if (scope.kind === 'region') return { kind: 'region', path: scope.regionPath };
  if (scope.kind === 'unit') return { kind: 'unit', unitId: scope.unitId };
  return { kind: 'none' };
}

/** The list filter on activity_events as `e`. */
export function eventsInScope(ctx: RequestContext) {
  const scope = eventScopeOf(ctx);
  return (eb: ExpressionBuilder<Database & { e: Database['activity_events'] }, 'e'>) => {
    switch (scope.kind) {
      case 'all':
        return eb.lit(true);
      case 'region': {
        const [own, below] = subtree(scope.path);
        return eb.or([eb('e.owner_region_path', '=', own), eb('e.owner_region_path', 'like', below)]);
      }
      case 'unit':
        return eb('e.organiser_unit_id', '=', scope.unitId);
      case 'none':
        return eb.lit(false);
    }
  };
}

export interface EventScopeFacts {
  owner_region_path: string;
  organiser_unit_id: number;
  co_organisers: readonly number[];
}

export function eventInScope(ctx: RequestContext, e: EventScopeFacts): boolean {
  const scope = eventScopeOf(ctx);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'region':
      return isInSubtree(e.owner_region_path, scope.path);
    case 'unit':
      return e.organiser_unit_id === scope.unitId || e.co_organisers.includes(scope.unitId);
    case 'none':
      return false;
  }
}

/** May change the event: its region's staff (subtree), or the organiser unit's own people. */
export function mayEditEvent(ctx: RequestContext, e: EventScopeFacts): boolean {
  const scope = eventScopeOf(ctx);
  if (!ctx.actor?.permissions.has('work.handle')) return false;
  if (scope.kind === 'all') return true;
  if (scope.kind === 'region')
    return ctx.actor.permissions.has('work.manage') && isInSubtree(e.owner_region_path, scope.path);
  if (scope.kind === 'unit') return e.organiser_unit_id === scope.unitId;
  return false;
}

/** The region paths whose brands a reader sees (null: all). */
export function brandPathsOf(ctx: RequestContext): { line: string[]; below: string | null } | null {
  const actor = ctx.actor;
  const scope = actor?.scope;
  if (!actor || !scope) return { line: [], below: null };
  if (scope.kind === 'all') return null;
  if (scope.kind === 'region') return { line: lineOf(scope.regionPath), below: scope.regionPath };
  if (scope.kind === 'unit' && actor.regionPath) return { line: lineOf(actor.regionPath), below: null };
  return { line: [], below: null };
}

export function brandInScope(ctx: RequestContext, regionPath: string): boolean {
  const paths = brandPathsOf(ctx);
  if (paths === null) return true;
  return paths.line.includes(regionPath) || (paths.below !== null && isInSubtree(regionPath, paths.below));
}
