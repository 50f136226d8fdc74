import { get, post } from '@/api/client';
import type { Answer, Schemas } from '@/api/types';

export type Me = Schemas['Me'];
export type LoginResult = Answer<'login'>;
export type SignedIn = Answer<'verifyTotp'>;
export type TotpEnrolment = Answer<'startTotpEnrolment'>;
// The policy in force, as the server checks it; `rules` are worded for people, and `id` names the ones
// the form also checks as one types.
export type PasswordPolicy = Answer<'getPasswordPolicy'>;
export type RoleInfo = Answer<'listRoles'>[number];

export const fetchMe = () => get<Me>('/api/auth/me');

export const login = (username: string, password: string) =>
  post<LoginResult>('/api/auth/login', { username, password });

export const verifyTotp = (code: string) => post<SignedIn>('/api/auth/totp', { code });

// Outside the sign-in's enrolment step, adding or replacing the factor needs the current password.
export const startTotpEnrolment = (currentPassword?: string) =>
  post<TotpEnrolment>('/api/auth/totp/enrol', currentPassword ? { currentPassword } : undefined);

export const confirmTotpEnrolment = (code: string) => post<SignedIn>('/api/auth/totp/confirm', { code });

export const changePassword = (currentPassword: string, newPassword: string) =>
  post<void>('/api/auth/password', { currentPassword, newPassword });

export const fetchPasswordPolicy = () => get<PasswordPolicy>('/api/auth/password-policy');

export const logout = () => post<void>('/api/auth/logout');

export const listRoles = () => get<RoleInfo[]>('/api/roles');
