import { get, patch, post, put, newIdempotencyKey, type Page } from '@/api/client';

export type RegionLevel = 'province' | 'city' | 'county';
export type RecordStatus = 'active' | 'disabled';
export type UnitKind =
  'department' | 'office' | 'member_unit' | 'government' | 'party' | 'federation' | 'other';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  status: RecordStatus;
  version: number;
}

export interface Unit {
  id: number;
  regionCode: string;
  regionName: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  status: RecordStatus;
  version: number;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  unit: { id: number; name: string } | null;
  region: { code: string; name: string } | null;
  roles: string[];
  status: RecordStatus;
  locked: boolean;
  lockedUntil: string | null;
  totpEnabled: boolean;
  mustChangePassword?: boolean;
  // 三员 passwords are reset only on the server's console: the page offers no 重置密码 for them.
  passwordResetOnConsoleOnly: boolean;
  // 安全管理员 and 审计管理员 accounts are never disabled on the page: it offers no 停用 for them.
  disableForbidden: boolean;
  version: number;
}

// 行政区划
export interface RegionQuery {
  parentCode?: string;
  q?: string;
  cursor?: string | null;
  limit?: number;
}
export const listRegions = (query: RegionQuery = {}) => get<Page<Region>>('/api/regions', { ...query });
export const createRegion = (body: {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}) => post<Region>('/api/regions', body, { idempotencyKey: newIdempotencyKey() });
export const updateRegion = (code: string, version: number, body: { name?: string; status?: RecordStatus }) =>
  patch<Region>(`/api/regions/${encodeURIComponent(code)}`, body, version);

// 单位
export interface UnitQuery {
  regionCode?: string;
  q?: string;
  status?: RecordStatus | '';
  cursor?: string | null;
  limit?: number;
}
export interface UnitFields {
  name: string;
  kind: UnitKind;
  parentId: number | null;
}
export const listUnits = (query: UnitQuery = {}) => get<Page<Unit>>('/api/units', { ...query });
export const createUnit = (body: UnitFields & { regionCode: string }, idempotencyKey: string) =>
  post<Unit>('/api/units', body, { idempotencyKey });
export const updateUnit = (
  id: number,
  version: number,
  body: Partial<UnitFields> & { status?: RecordStatus },
) => patch<Unit>(`/api/units/${id}`, body, version);

// 用户
export interface UserQuery {
  q?: string;
  unitId?: number | null;
  status?: RecordStatus | '';
  cursor?: string | null;
  limit?: number;
}
export interface UserFields {
  displayName: string;
  unitId: number | null;
  regionCode: string | null;
}
export const listUsers = (query: UserQuery = {}) => get<Page<User>>('/api/users', { ...query });
export const createUser = (body: UserFields & { username: string }, idempotencyKey: string) =>
  post<{ user: User; initialPassword: string }>('/api/users', body, { idempotencyKey });
export const updateUser = (
  id: number,
  version: number,
  body: Partial<UserFields> & { status?: RecordStatus },
) => patch<User>(`/api/users/${id}`, body, version);
export const resetUserPassword = (id: number) =>
  post<{ initialPassword: string }>(`/api/users/${id}/password-reset`);
export const unlockUser = (id: number) => post<User>(`/api/users/${id}/unlock`);
export const setUserRoles = (id: number, version: number, roles: string[]) =>
  put<User>(`/api/users/${id}/roles`, { roles }, version);
export const resetUserTotp = (id: number) => post<User>(`/api/users/${id}/totp-reset`);
