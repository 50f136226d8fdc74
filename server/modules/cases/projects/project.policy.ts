// Who sees a 民主监督 project and who does what on it: staff of its region's subtree manage it (create,
// close); the party assigned (its organisation's people) reports under it and rates the agency; the agency
// supervised (its people) rates the party.
import type { Actor } from '../../../core/access/actor.ts';
import { scopedResource } from '../../../core/access/guard.ts';
import { isInSubtree, regionInScope } from '../../../core/access/scope.ts';
import type { Services } from '../../../core/services.ts';
import { findProjectById, type ProjectVisibility, type ProjectWithNames } from './project.repository.ts';

type Facts = Pick<ProjectWithNames, 'region_path' | 'party_unit_id' | 'agency_unit_id'>;

export const isParty = (a: Actor | null, p: Facts) =>
  !!a && a.scope.kind === 'organisation' && a.scope.organisationId === p.party_unit_id;
export const isAgency = (a: Actor | null, p: Facts) =>
  !!a && a.unitId === p.agency_unit_id && a.permissions.has('work.handle');
export const managesProject = (a: Actor | null, p: Facts) =>
  !!a && a.permissions.has('work.manage') && regionInScope(a.scope, p.region_path);

export function projectVisibility(a: Actor | null): ProjectVisibility {
  if (!a) return { kind: 'none' };
  switch (a.scope.kind) {
    case 'all':
      return { kind: 'all' };
    case 'region':
      return { kind: 'region', path: a.scope.regionPath };
    case 'unit':
      return { kind: 'unit', unitId: a.scope.unitId };
    case 'organisation':
      return { kind: 'unit', unitId: a.scope.organisationId };
    case 'none':
      return { kind: 'none' };
  }
}

export const projectResource = scopedResource<ProjectWithNames, number>({
  type: 'case_project',
  notFound: 'CASE_PROJECT_NOT_FOUND',
  find: (s: Services, id) => findProjectById(s.db.kysely, id),
  inScope: async (_s, ctx, p) => {
    const v = projectVisibility(ctx.actor);
    switch (v.kind) {
      case 'all':
        return true;
      case 'region':
        return isInSubtree(p.region_path, v.path);
      case 'unit':
        return p.party_unit_id === v.unitId || p.agency_unit_id === v.unitId;
      case 'none':
        return false;
    }
  },
});
