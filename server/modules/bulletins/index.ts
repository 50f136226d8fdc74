// The 督办通报 module's public entry (docs/decisions/module-boundaries.md).
export { bulletinRoutes } from './bulletin.routes.ts';
