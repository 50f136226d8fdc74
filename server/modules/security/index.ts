// The security module's public entry: the only file another module may import from security
// (docs/decisions/module-boundaries.md; `npm run lint` checks it).
export {
  defaultSecuritySettings,
  loadSecuritySettings,
  passwordPolicyOf,
  securitySettingsAt,
  securitySettingsOfRequest,
  type SecuritySettings,
} from './security.settings.ts';
