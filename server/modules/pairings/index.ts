// The pairings module's public entry (docs/decisions/module-boundaries.md): 万企兴万村 结对台账.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/services.ts';
import { registerAttachmentOwner } from '../attachments/index.ts';
import { registerPairingContactHolder } from './pairing.contacts.ts';
import { pairingResource } from './pairing.policy.ts';
import { planItemPairingRoutes } from './pairing.plan-item.ts';
import { pairingRoutes } from './pairing.routes.ts';
import { villageRoutes } from './villages/village.routes.ts';

// The dashboard reads the approved totals per year and region subtree (the plan item "万企兴万村" has its
// own route here, pairing.plan-item.ts).
export { pairingTotals } from './stats/pairing.stats.ts';
export { pairingTotalsSchema } from './pairing.schemas.ts';
// The demo plays a year of pairings through the services.
export { createPairing } from './pairing.service.ts';
export { reviewPairing, reportProgress } from './pairing.review.ts';
export { findPairing } from './pairing.repository.ts';

export function pairingsRoutes(app: FastifyInstance, s: Services) {
  registerAttachmentOwner('pairing', pairingResource);
  registerPairingContactHolder();
  villageRoutes(app, s);
  pairingRoutes(app, s);
  planItemPairingRoutes(app, s);
}
