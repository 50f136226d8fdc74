import { get, post } from '@/api/client';

export type PendingSetup = 'password' | 'totp' | 'totp-enrolment';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  unit: { id: number; name: string } | null;
  region: { code: string; name: string } | null;
  mustChangePassword: boolean;
  // What the session must still do before anything else (null when fully signed in).
  pendingSetup: PendingSetup | null;
  totpEnabled: boolean;
  // The last password reset by an administrator; `pending` while its one-time password is in use.
  passwordReset: { at: string; by: string; pending: boolean } | null;
  csrfToken: string;
}

export type LoginResult =
  | { user: Me; csrfToken: string }
  | { totpRequired: true; csrfToken: string }
  | { totpEnrolmentRequired: true; csrfToken: string };

export interface SignedIn {
  user: Me;
  csrfToken: string;
}

export interface TotpEnrolment {
  secret: string;
  uri: string;
}

// The policy in force, as the server checks it; `rules` are worded for people.
export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
  forbidUsername: boolean;
  // Every rule in force, worded for people; `id` names the ones the form also checks as one types.
  rules: Array<{ id: string; text: string }>;
}

export interface RoleInfo {
  id: string;
  label: string;
  permissions: string[];
}

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
