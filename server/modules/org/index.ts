// The org module's public entry: the only file another module may import from org
// (docs/decisions/module-boundaries.md; `npm run lint` checks it).
export { roleId } from './org.schemas.ts';
export { seedRegion, seedUnit, userCount } from './org.seed.ts';
export { insertNewUser } from './user.service.ts';
export { nameUnitHead } from './unit.service.ts';
export { parseAliases, unitsOfRegion, type NamedUnit } from './unit.lookup.ts';
