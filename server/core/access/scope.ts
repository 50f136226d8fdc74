import type { Role } from './roles.ts';

// Data scope: which records a user may see. Leaders and staff see their region's subtree, handlers their
// unit, submitters their organisation (the top unit of their unit's tree); administrators work on
// organisation data across the deployment.
export type DataScope =
  | { kind: 'all' }
  | { kind: 'region'; regionPath: string }
  | { kind: 'unit'; unitId: number }
  | { kind: 'organisation'; organisationId: number }
  | { kind: 'none' };

// How a route applies the scope; declared on every route.
export type ScopeRule = 'none' | 'global' | 'data' | 'self';

export interface ScopeInput {
  roles: readonly Role[];
  regionPath: string | null;
  unitId: number | null;
  organisationId: number | null;
}

export function dataScopeOf(user: ScopeInput): DataScope {
  const { roles } = user;
  if (roles.includes('sysadmin') || roles.includes('secadmin')) return { kind: 'all' };
  if ((roles.includes('leader') || roles.includes('staff')) && user.regionPath) {
    return { kind: 'region', regionPath: user.regionPath };
  }
  if (roles.includes('handler') && user.unitId !== null) return { kind: 'unit', unitId: user.unitId };
  if (roles.includes('submitter') && user.organisationId !== null) {
    return { kind: 'organisation', organisationId: user.organisationId };
  }
  return { kind: 'none' };
}

export function regionInScope(scope: DataScope, regionPath: string): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'region':
      return isInSubtree(regionPath, scope.regionPath);
    case 'unit':
    case 'organisation':
    case 'none':
      return false;
  }
}

export function isInSubtree(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}
