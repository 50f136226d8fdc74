// Who sees which contacts (docs/decisions/contacts-access.md). Staff and leaders: the organisations and
// people of their region subtree. Submitters (a party committee, 工商联): their own organisation's, that is
// the directory organisation linked to their organisation's unit. Handlers and anyone else: none, since a
// handling department learns whom to call from the case it handles, not from the directory. Routes keyed
// by :id name these resources; lists filter with the same rule in SQL (filterOf).
import type { Actor, RequestContext } from '../../core/access/actor.ts';
import { scopedResource } from '../../core/access/guard.ts';
import { isInSubtree } from '../../core/access/scope.ts';
import type { Services } from '../../core/services.ts';
import {
  findContact,
  findOrganisation,
  type ContactFilter,
  type ContactWithOrganisation,
  type OrganisationWithNames,
} from './contact.repository.ts';

export function filterOf(actor: Actor | null): ContactFilter {
  if (!actor) return { kind: 'none' };
  const { scope } = actor;
  switch (scope.kind) {
    case 'all':
      return { kind: 'all' };
    case 'region':
      return { kind: 'region', path: scope.regionPath };
    case 'organisation':
      return { kind: 'unit', unitId: scope.organisationId };
    case 'unit':
    case 'none':
      return { kind: 'none' };
  }
}

function visible(ctx: RequestContext, regionPath: string, unitId: number | null): boolean {
  const filter = filterOf(ctx.actor);
  switch (filter.kind) {
    case 'all':
      return true;
    case 'region':
      return isInSubtree(regionPath, filter.path);
    case 'unit':
      return unitId === filter.unitId;
    case 'none':
      return false;
  }
}

export const contactResource = scopedResource<ContactWithOrganisation, number>({
  type: 'contact',
  notFound: 'CONTACT_NOT_FOUND',
  find: (s: Services, id) => findContact(s.db.kysely, id),
  inScope: (_s, ctx, c) => Promise.resolve(visible(ctx, c.region_path, c.organisation_unit_id)),
});

export const contactOrganisationResource = scopedResource<OrganisationWithNames, number>({
  type: 'contact_organisation',
  notFound: 'CONTACT_ORGANISATION_NOT_FOUND',
  find: (s: Services, id) => findOrganisation(s.db.kysely, id),
  inScope: (_s, ctx, o) => Promise.resolve(visible(ctx, o.region_path, o.unit_id)),
});
