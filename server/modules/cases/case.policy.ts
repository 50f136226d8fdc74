// Who sees a case and how each person stands to it (the engine's relations).
//
// See: a submitter, their organisation's cases, the ones they are invited to co-sign and the main cases
// their organisation's were merged into (404 for the rest); a handling unit's people, the cases forwarded
// to their unit; staff and leaders, the cases handled in their region's subtree and those their subtree
// submitted (a county's request to the city above). A draft is seen only by its submitting side.
import type { Actor } from '../../core/access/actor.ts';
import { scopedResource } from '../../core/access/guard.ts';
import { isInSubtree, regionInScope } from '../../core/access/scope.ts';
import type { Services } from '../../core/services.ts';
import type { Relation } from './engine/vocabulary.ts';
import {
  findCaseById,
  hasFollowerFrom,
  isHandlingUnit,
  isSigner,
  type CaseWithNames,
} from './case.repository.ts';

type CaseFacts = Pick<
  CaseWithNames,
  'submitter_user_id' | 'submitter_unit_id' | 'submitter_org_id' | 'region_path' | 'submitter_region_path'
>;

/** One of the submitting side: the author, a person of the submitting unit, or of its organisation. */
function onSubmittingSide(actor: Actor, c: CaseFacts): boolean {
  return (
    actor.userId === c.submitter_user_id ||
    (actor.unitId !== null && actor.unitId === c.submitter_unit_id) ||
    (actor.scope.kind === 'organisation' && actor.scope.organisationId === c.submitter_org_id)
  );
}

export interface People {
  signers: ReadonlyArray<{ user_id: number; status: string }>;
  handlers: ReadonlyArray<{ unit_id: number; role: string }>;
  /** The authors of the cases merged into this one. */
  followerIds: readonly number[];
}

/** How the person stands to the case. */
export function relationsOf(actor: Actor | null, c: CaseFacts, people: People): Relation[] {
  if (!actor) return [];
  const out: Relation[] = [];
  if (onSubmittingSide(actor, c)) out.push('submitter');
  if (actor.userId === c.submitter_user_id) out.push('author');
  if (people.followerIds.includes(actor.userId)) out.push('follower');
  const signer = people.signers.find((p) => p.user_id === actor.userId);
  if (signer?.status === 'invited') out.push('invitee');
  if (signer?.status === 'confirmed') out.push('cosigner');
  if (actor.permissions.has('work.manage') && regionInScope(actor.scope, c.region_path)) out.push('staff');
  if (actor.roles.includes('leader') && regionInScope(actor.scope, c.region_path)) out.push('leader');
  if (actor.unitId !== null && actor.permissions.has('work.handle')) {
    const handler = people.handlers.find((h) => h.unit_id === actor.unitId);
    if (handler?.role === 'lead') out.push('lead_unit');
    if (handler?.role === 'cooperating') out.push('cooperating_unit');
  }
  return out;
}

/** A case as a scoped record: routes keyed by a case id name it (keyedBy(caseResource, 'id')). */
export const caseResource = scopedResource<CaseWithNames, number>({
  type: 'case',
  notFound: 'CASE_NOT_FOUND',
  find: (s: Services, id) => findCaseById(s.db.kysely, id),
  inScope: async (s, ctx, c) => {
    const actor = ctx.actor;
    if (!actor) return false;
    const db = s.db.kysely;
    if (onSubmittingSide(actor, c) || (await isSigner(db, c.id, actor.userId))) return true;
    if (c.state === 'draft') return false;
    switch (actor.scope.kind) {
      case 'all':
        return true;
      case 'region':
        return (
          isInSubtree(c.region_path, actor.scope.regionPath) ||
          isInSubtree(c.submitter_region_path, actor.scope.regionPath)
        );
      case 'unit':
        return isHandlingUnit(db, c.id, actor.scope.unitId);
      case 'organisation':
        return hasFollowerFrom(db, c.id, actor.scope.organisationId);
      case 'none':
        return false;
    }
  },
});
