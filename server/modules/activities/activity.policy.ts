// The 品牌活动 records as ScopedResources: routes keyed by :id name them, and evidence files attached to an
// event or an outcome are read by exactly those who may read it (modules/attachments).
import { z } from 'zod';
import { scopedResource } from '../../core/access/guard.ts';
import { brandInScope, eventInScope } from './activity.scope.ts';
import { findBrand, type BrandRow } from './brand.repository.ts';
import { findEvent, type EventWithNames } from './event.repository.ts';
import { findOutcome, type OutcomeWithEvent } from './outcome.repository.ts';

const unitIds = z.array(z.number().int());

/** The co-organiser unit ids stored as JSON. */
export function coOrganisersOf(json: string): number[] {
  return unitIds.parse(JSON.parse(json));
}

export const brandResource = scopedResource<BrandRow, number>({
  type: 'activity_brand',
  notFound: 'ACTIVITY_BRAND_NOT_FOUND',
  find: (s, id) => findBrand(s.db.kysely, id),
  inScope: (_s, ctx, b) => Promise.resolve(brandInScope(ctx, b.region_path)),
});

export const eventResource = scopedResource<EventWithNames, number>({
  type: 'activity_event',
  notFound: 'ACTIVITY_EVENT_NOT_FOUND',
  find: (s, id) => findEvent(s.db.kysely, id),
  inScope: (_s, ctx, e) =>
    Promise.resolve(eventInScope(ctx, { ...e, co_organisers: coOrganisersOf(e.co_organisers) })),
});

export const outcomeResource = scopedResource<OutcomeWithEvent, number>({
  type: 'activity_outcome',
  notFound: 'ACTIVITY_OUTCOME_NOT_FOUND',
  find: (s, id) => findOutcome(s.db.kysely, id),
  inScope: (_s, ctx, o) =>
    Promise.resolve(eventInScope(ctx, { ...o, co_organisers: coOrganisersOf(o.co_organisers) })),
});
