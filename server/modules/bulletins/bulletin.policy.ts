// Who sees a 督办通报: staff and leaders whose region subtree holds the bulletin's region (a city's staff
// read their own and their counties', never a sibling city's), and, once it was sent to their unit, the
// unit's people (read and download only: changing it needs work.manage). Routes keyed by :id name
// bulletinResource.
import { scopedResource } from '../../core/access/guard.ts';
import { regionInScope } from '../../core/access/scope.ts';
import type { Services } from '../../core/services.ts';
import { findBulletin, type BulletinWithRegion } from './bulletin.repository.ts';
import { parseSentUnits } from './bulletin.stored.ts';

export const bulletinResource = scopedResource<BulletinWithRegion, number>({
  type: 'bulletin',
  notFound: 'BULLETIN_NOT_FOUND',
  find: (s: Services, id) => findBulletin(s.db.kysely, id),
  inScope: (_s, ctx, b) => {
    const scope = ctx.actor?.scope;
    if (!scope) return Promise.resolve(false);
    if (scope.kind === 'unit') return Promise.resolve(parseSentUnits(b.sent_units).includes(scope.unitId));
    return Promise.resolve(regionInScope(scope, b.region_path));
  },
});
