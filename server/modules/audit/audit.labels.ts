// Chinese labels for the parts of an audit event's detail: the export (.xlsx) and the labelled details the
// API returns use them. Actions, objects and outcomes are named in core/audit/audit.catalogue.ts, the one
// list the recorder, the export and the web app (GET /api/audit/labels) all read.

// The parts of a detail: snapshots of the object before and after the change, and a note.
export const SECTION_LABELS: Record<string, string> = {
  before: '变更前',
  after: '变更后',
  note: '说明',
};

// Field names found in details. A field not listed here is still shown, under its own name.
export const FIELD_LABELS: Record<string, string> = {
  id: '编号',
  username: '用户名',
  displayName: '姓名',
  unit: '单位',
  unitId: '单位编号',
  region: '行政区划',
  regionCode: '行政区划代码',
  regionName: '行政区划名称',
  code: '代码',
  name: '名称',
  level: '级别',
  kind: '类型',
  parentId: '上级编号',
  parentCode: '上级代码',
  status: '状态',
  roles: '角色',
  locked: '已锁定',
  lockedUntil: '锁定至',
  failures: '连续失败次数',
  reason: '原因',
  factor: '验证方式',
  resetAt: '重置时间',
  resetBy: '重置人',
  expiresAt: '失效时间',
  oneTimePasswordExpiresAt: '一次性密码失效时间',
  totpKept: '保留动态口令',
  replacing: '更换已有动态口令',
  replaced: '已更换动态口令',
  totpEnabled: '已绑定动态口令',
  mustChangePassword: '须修改密码',
  endedSessions: '结束的会话数',
  version: '版本',
  title: '标题',
  year: '年度',
  itemCount: '条目数',
  planId: '工作要点编号',
  planVersion: '工作要点版本',
  targetPlanId: '目标工作要点编号',
  heading: '条目标题',
  body: '条目内容',
  lead: '牵头单位',
  cooperating: '配合单位',
  alignedTo: '对应上级条目',
  keywords: '关键词',
  count: '数量',
  regions: '行政区划数',
  checked: '已校验条数',
  brokenAt: '断裂位置',
  checkpoint: '检查点',
  at: '时间',
  rows: '记录数',
  limit: '上限',
  filter: '筛选条件',
  actor: '操作人',
  action: '操作',
  objectType: '对象类型',
  objectId: '对象编号',
  from: '开始时间',
  to: '结束时间',
  passwordMinLength: '密码最短长度',
  passwordMinClasses: '密码字符种类',
  passwordForbidUsername: '禁止密码包含用户名',
  passwordExpiryDays: '密码有效期（天）',
  lockoutThreshold: '锁定阈值（次）',
  lockoutMinutes: '锁定时长（分钟）',
  sessionIdleMinutes: '会话空闲超时（分钟）',
  sessionAbsoluteHours: '会话最长时间（小时）',
  totpRequiredForBusiness: '业务用户须用动态口令',
  method: '请求方法',
  url: '请求地址',
  permission: '所需权限',
  fileName: '文件名',
  mime: '文件类型',
  sm3: 'SM3 摘要',
  attachmentIds: '附件编号',
  size: '大小（字节）',
};

const ROLE_LABELS: Record<string, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
  leader: '部领导',
  staff: '统战部工作人员',
  handler: '承办人',
  submitter: '民主党派/工商联/党外代表人士',
};

// Coded values of some fields shown as words; other values (a username "staff", say) are shown as they are.
export const VALUE_LABELS: Record<string, Record<string, string>> = {
  reason: {
    unknown_user: '用户名不存在',
    locked: '账户已锁定',
    disabled: '账户已停用',
    wrong_password: '密码错误',
    one_time_password_expired: '一次性密码已过期',
    target_deleted: '对应目标已删除',
    too_many_rows: '记录数超过导出上限',
  },
  status: { active: '启用', disabled: '停用', draft: '草稿', published: '已发布' },
  factor: { totp: '动态口令', password: '密码' },
  roles: ROLE_LABELS,
};

export function labelOf(map: Record<string, string>, code: string | null): string {
  if (!code) return '';
  return map[code] ?? code;
}
