// Chinese labels for the codes the API uses. Unknown codes fall back to the raw value.

export const ROLE_LABELS: Record<string, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
  leader: '部领导',
  staff: '统战部工作人员',
  handler: '承办人',
  submitter: '民主党派/工商联/党外代表人士',
};

export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'];

export const ROLE_DUTIES: Record<string, string> = {
  sysadmin: '您负责维护行政区划、单位和用户账号，不参与业务数据处理与安全审计。',
  secadmin: '您负责安全策略配置、角色分配和动态口令管理，不参与业务数据处理。',
  auditor: '您负责查阅审计日志并校验审计链的完整性，不参与系统配置和业务处理。',
};

export const REGION_LEVEL_LABELS: Record<string, string> = {
  province: '省',
  city: '市',
  county: '县',
};

export const UNIT_KIND_LABELS: Record<string, string> = {
  department: '统战部',
  office: '处室',
  member_unit: '领导小组成员单位',
  government: '政府部门',
  party: '民主党派',
  federation: '工商联',
  other: '其他',
};

export const STATUS_LABELS: Record<string, string> = {
  active: '启用',
  disabled: '停用',
};

export function labelOf(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '—';
  return map[code] ?? code;
}

export function roleLabels(roles: readonly string[]): string {
  return roles.length ? roles.map((r) => labelOf(ROLE_LABELS, r)).join('、') : '—';
}
