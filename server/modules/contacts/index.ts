// The contacts module's public entry (docs/decisions/module-boundaries.md). Other modules refer to a
// contact by its id and register what holds contacts, so that deleting or anonymising one is refused
// while a case (or a later activity) still needs it.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/services.ts';
import { contactRoutes } from './contact.routes.ts';
import { contactOrganisationRoutes } from './organisation.routes.ts';

export { registerContactHolder } from './contact.holders.ts';

export function contactsRoutes(app: FastifyInstance, s: Services) {
  contactOrganisationRoutes(app, s);
  contactRoutes(app, s);
}
// The demo (modules/demo) enters the 工商联 and enterprises its pairings need through the services.
export { createOrganisation } from './organisation.service.ts';
export { createContact } from './contact.service.ts';
