// Roles and what each may do. 三员 (sysadmin, secadmin, auditor) are mutually exclusive with each other and
// with the business roles (MLPS level 3 separation of duties).

export const ROLES = ['sysadmin', 'secadmin', 'auditor', 'leader', 'staff', 'handler', 'submitter'] as const;
export type Role = (typeof ROLES)[number];

export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

export const ROLE_LABELS: Record<Role, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
  leader: '部领导',
  staff: '统战部工作人员',
  handler: '承办人',
  submitter: '民主党派/工商联/党外代表人士',
};

export const PERMISSIONS = [
  'org.read', // regions and units
  'org.write',
  'user.read',
  'user.write',
  'role.assign',
  'security.read',
  'security.write',
  'audit.read',
  'work.read', // business data within the data scope (plans, tasks …)
  'work.manage', // staff: plans, decomposition, supervision
  'work.instruct', // leader: 批示
  'work.handle', // handler, and staff for their region's 统战部: work assigned to the unit
  'work.submit', // submitter: own organisation's items
  // 联系人 (modules/contacts, docs/decisions/contacts-access.md): reading masked entries, keeping them,
  // and seeing one phone number or e-mail address in full (audited), or exporting a person's own data.
  'contact.read',
  'contact.write',
  'contact.unmask',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sysadmin: ['org.read', 'org.write', 'user.read', 'user.write'],
  secadmin: ['user.read', 'role.assign', 'security.read', 'security.write', 'org.read'],
  auditor: ['audit.read'],
  leader: ['org.read', 'work.read', 'work.instruct', 'contact.read'],
  staff: [
    'org.read',
    'work.read',
    'work.manage',
    'work.handle',
    'contact.read',
    'contact.write',
    'contact.unmask',
  ],
  handler: ['org.read', 'work.read', 'work.handle'],
  submitter: ['org.read', 'work.read', 'work.submit', 'contact.read', 'contact.write', 'contact.unmask'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

// Returns a reason when the combination breaks separation of duties, null when allowed.
export function roleConflict(roles: readonly Role[]): string | null {
  const admins = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admins.length > 1) return '系统管理员、安全管理员、审计管理员三者互斥';
  if (admins.length === 1 && roles.length > 1) return '管理员角色不能与业务角色兼任';
  return null;
}
