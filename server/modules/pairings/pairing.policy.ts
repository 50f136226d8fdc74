// Who sees and does what with a pairing (docs/decisions/pairing-scope.md). Staff and leaders: the pairings
// whose village lies in their region subtree (a village outside every Luoshi region counts at the
// enterprise's region). A 工商联's people (submitters whose organisation is the 工商联's unit): the pairings
// of their 工商联's member enterprises, wherever the village. Routes keyed by :id name pairingResource;
// the list filters by the same rule in SQL (filterOf).
import type { Actor, RequestContext } from '../../core/access/actor.ts';
import { scopedResource } from '../../core/access/guard.ts';
import { isInSubtree } from '../../core/access/scope.ts';
import type { Services } from '../../core/services.ts';
import {
  findPairing,
  type PairingFilter,
  type PairingRow,
  type PairingWithNames,
} from './pairing.repository.ts';

export function filterOf(actor: Actor | null): PairingFilter {
  if (!actor) return { kind: 'none' };
  const { scope } = actor;
  switch (scope.kind) {
    case 'all':
      return { kind: 'all' };
    case 'region':
      return { kind: 'region', path: scope.regionPath };
    case 'organisation':
      return { kind: 'federation', unitId: scope.organisationId };
    case 'unit':
    case 'none':
      return { kind: 'none' };
  }
}

export function visible(
  actor: Actor | null,
  p: Pick<PairingRow, 'region_path' | 'federation_unit_id'>,
): boolean {
  const filter = filterOf(actor);
  switch (filter.kind) {
    case 'all':
      return true;
    case 'region':
      return isInSubtree(p.region_path, filter.path);
    case 'federation':
      return p.federation_unit_id === filter.unitId;
    case 'none':
      return false;
  }
}

export const pairingResource = scopedResource<PairingWithNames, number>({
  type: 'pairing',
  notFound: 'PAIRING_NOT_FOUND',
  find: (s: Services, id) => findPairing(s.db.kysely, id),
  inScope: (_s, ctx, p) => Promise.resolve(visible(ctx.actor, p)),
});

/** Staff of a region (work.manage) or the 工商联's own people (work.submit): they enter and keep pairings. */
export function keeps(
  actor: Actor | null,
  p: Pick<PairingRow, 'region_path' | 'federation_unit_id'>,
): boolean {
  if (!actor || !visible(actor, p)) return false;
  if (actor.permissions.has('work.manage')) return true;
  return actor.permissions.has('work.submit') && actor.scope.kind === 'organisation';
}

export function mayOf(ctx: RequestContext, p: PairingRow) {
  const keeper = keeps(ctx.actor, p);
  const staff = !!ctx.actor?.permissions.has('work.manage') && visible(ctx.actor, p);
  return {
    // Approved figures move through progress updates; the entry itself is fixed once approved.
    mayEdit: keeper && p.status !== 'approved',
    mayReview: staff && p.status === 'submitted',
    mayReport: keeper && p.status === 'approved',
    // Only the person who entered it takes back an entry not approved (docs/decisions/pairing-withdraw.md).
    mayWithdraw: keeper && p.status !== 'approved' && p.created_by === ctx.actor?.userId,
  };
}
