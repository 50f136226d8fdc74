import { get, put } from '@/api/client';

export interface SecuritySettings {
  passwordMinLength: number;
  passwordMinClasses: number;
  passwordForbidUsername: boolean;
  passwordExpiryDays: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  totpRequiredForBusiness: boolean;
}

export type VersionedSecuritySettings = SecuritySettings & { version: number };

export const fetchSecuritySettings = () => get<VersionedSecuritySettings>('/api/security/settings');

export const saveSecuritySettings = (settings: SecuritySettings, version: number) =>
  put<VersionedSecuritySettings>('/api/security/settings', settings, version);
