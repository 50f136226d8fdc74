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

export const AUDIT_OUTCOME_LABELS: Record<string, string> = {
  success: '成功',
  failure: '失败',
  denied: '拒绝',
};

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.lockout': '账户锁定',
  'auth.logout': '退出',
  'auth.password_accepted': '密码验证通过',
  'auth.password_change': '修改密码',
  'auth.totp_enrol_start': '开始绑定动态口令',
  'auth.totp_enrol': '绑定动态口令',
  'auth.totp_failed': '动态验证码错误',
  'auth.one_time_password_used': '使用一次性密码登录',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.password_reset': '重置密码',
  'user.unlock': '解除锁定',
  'user.roles_set': '分配角色',
  'user.totp_reset': '重置动态口令',
  'user.enable': '启用用户',
  'unit.create': '新建单位',
  'unit.update': '修改单位',
  'region.create': '新建行政区划',
  'region.update': '修改行政区划',
  'security.settings_update': '修改安全设置',
  'audit.verify': '校验审计链',
  'audit.export': '导出审计日志',
  'access.denied': '越权访问被拒绝',
  'access.out_of_scope': '超出数据范围访问',
  'demo.seed': '初始化演示数据',
  'plan.create': '新建工作要点',
  'plan.update': '修改工作要点',
  'plan.item.update': '修改条目',
  'plan.publish': '发布工作要点',
  'plan.restore': '恢复历史版本',
  'plan.align': '条目对应',
  'plan.unit_keywords.update': '修改单位关键词',
  'task.create': '新建任务',
  'task.update': '修改任务',
  'task.assign': '交办任务',
  'task.sign': '签收任务',
  'task.adjust.request': '申请调整任务',
  'task.adjust.approve': '同意任务调整',
  'task.adjust.refuse': '不同意任务调整',
  'task.complete.request': '申请办结',
  'task.complete': '确认办结',
  'task.complete.return': '退回办结申请',
  'task.cancel': '撤销任务',
};

export const AUDIT_OBJECT_LABELS: Record<string, string> = {
  user: '用户',
  unit: '单位',
  region: '行政区划',
  session: '会话',
  settings: '安全设置',
  setting: '设置',
  plan: '工作要点',
  plan_item: '条目',
  task: '任务',
  security: '安全设置',
  audit: '审计日志',
};

export function labelOf(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '—';
  return map[code] ?? code;
}

export function roleLabels(roles: readonly string[]): string {
  return roles.length ? roles.map((r) => labelOf(ROLE_LABELS, r)).join('、') : '—';
}
