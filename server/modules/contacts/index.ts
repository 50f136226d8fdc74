// The contacts module's public entry (docs/decisions/module-boundaries.md). Other modules refer to a
// contact by its id and register what holds contacts, so that deleting or anonymising one is refused
// while a case (or a later activity) still needs it.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/services.ts';
import { contactRoutes } from './contact.routes.ts';
import { contactOrganisationRoutes } from './organisation.routes.ts';

export { registerContactHolder, registerContactOrganisationHolder } from './contact.holders.ts';
export { contactsResealCommand, ContactsUsageError } from './reseal.cli.ts';
// For the demo workspace (modules/demo: demo.contacts.ts, demo.pairings.ts), which keeps its directory through the services.
export { createContact } from './contact.service.ts';
export { createOrganisation } from './organisation.service.ts';

export function contactsRoutes(app: FastifyInstance, s: Services) {
  contactOrganisationRoutes(app, s);
  contactRoutes(app, s);
}
