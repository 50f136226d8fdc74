import { get, patch, post, put, newIdempotencyKey, type Page } from '@/api/client';
import type { Answer, Body, QueryOf, Schemas } from '@/api/types';

export type RegionLevel = Schemas['RegionLevel'];
export type RecordStatus = Schemas['RecordStatus'];
export type UnitKind = Schemas['UnitKind'];
export type Region = Schemas['Region'];
export type Unit = Schemas['Unit'];
// passwordResetOnConsoleOnly: 三员 passwords are reset only on the server's console, so the page offers
// no 重置密码 for them.
export type User = Schemas['User'];
export type RoleId = Schemas['RoleId'];

// 行政区划
export type RegionQuery = QueryOf<'listRegions'>;
export const listRegions = (query: RegionQuery = {}) => get<Page<Region>>('/api/regions', { ...query });
export const createRegion = (body: Body<'createRegion'>) =>
  post<Region>('/api/regions', body, { idempotencyKey: newIdempotencyKey() });
export const updateRegion = (code: string, version: number, body: Body<'updateRegion'>) =>
  patch<Region>(`/api/regions/${encodeURIComponent(code)}`, body, version);

// 单位
export type UnitQuery = QueryOf<'listUnits'>;
export const listUnits = (query: UnitQuery = {}) => get<Page<Unit>>('/api/units', { ...query });
export const createUnit = (body: Body<'createUnit'>, idempotencyKey: string) =>
  post<Unit>('/api/units', body, { idempotencyKey });
export const updateUnit = (id: number, version: number, body: Body<'updateUnit'>) =>
  patch<Unit>(`/api/units/${id}`, body, version);

// 用户
export type UserQuery = QueryOf<'listUsers'>;
export const listUsers = (query: UserQuery = {}) => get<Page<User>>('/api/users', { ...query });
export const createUser = (body: Body<'createUser'>, idempotencyKey: string) =>
  post<Answer<'createUser'>>('/api/users', body, { idempotencyKey });
export const updateUser = (id: number, version: number, body: Body<'updateUser'>) =>
  patch<User>(`/api/users/${id}`, body, version);
export const resetUserPassword = (id: number) =>
  post<Answer<'resetUserPassword'>>(`/api/users/${id}/password-reset`);
export const unlockUser = (id: number) => post<User>(`/api/users/${id}/unlock`);
export const setUserRoles = (id: number, version: number, roles: RoleId[]) =>
  put<User>(`/api/users/${id}/roles`, { roles }, version);
export const resetUserTotp = (id: number) => post<User>(`/api/users/${id}/totp-reset`);
