import { get, put } from '@/api/client';
import type { Answer, Body } from '@/api/types';

export type SecuritySettings = Body<'saveSecuritySettings'>;
export type VersionedSecuritySettings = Answer<'getSecuritySettings'>;

export const fetchSecuritySettings = () => get<VersionedSecuritySettings>('/api/security/settings');

export const saveSecuritySettings = (settings: SecuritySettings, version: number) =>
  put<VersionedSecuritySettings>('/api/security/settings', settings, version);
