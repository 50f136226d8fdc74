// The 督办通报 module's public entry (docs/decisions/module-boundaries.md).
export { bulletinRoutes } from './bulletin.routes.ts';
// The lived-in demo (modules/demo) generates, issues and sends a monthly 督办通报 through the services.
export { generateBulletin, issueBulletin, sendBulletin } from './bulletin.service.ts';
export { findBulletin } from './bulletin.repository.ts';
