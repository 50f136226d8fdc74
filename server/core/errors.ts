// The one catalogue of error codes the API answers with. Codes are stable (clients and tests match on
// them); messages are for people, in Chinese, and may change.
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, message: '请求内容不符合要求' },
  BAD_REQUEST: { status: 400, message: '请求无法处理' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  // One answer for a wrong password, an unknown name and a locked account, so none of them can be told
  // apart (the lock is shown to administrators, not to whoever is guessing).
  INVALID_CREDENTIALS: {
    status: 401,
    message: '用户名或密码错误。连续多次输错后账户将被暂时锁定，请稍后再试或联系管理员',
  },
  ONE_TIME_PASSWORD_EXPIRED: { status: 401, message: '一次性密码已过期，请联系系统管理员重新获取' },
  REAUTHENTICATION_REQUIRED: { status: 400, message: '此操作须输入当前密码' },
  TOTP_REQUIRED: { status: 401, message: '请输入动态验证码' },
  TOTP_INVALID: { status: 401, message: '动态验证码错误或已使用' },
  ACCOUNT_LOCKED: { status: 423, message: '账户已锁定' },
  ACCOUNT_DISABLED: { status: 403, message: '账户已停用' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '请先修改密码' },
  PASSWORD_POLICY: { status: 400, message: '密码不符合安全策略' },
  FORBIDDEN: { status: 403, message: '没有执行此操作的权限' },
  CSRF_REJECTED: { status: 403, message: '请求来源校验失败，请刷新页面后重试' },
  NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  REGION_NOT_FOUND: { status: 404, message: '行政区划不存在' },
  UNIT_NOT_FOUND: { status: 404, message: '单位不存在' },
  USER_NOT_FOUND: { status: 404, message: '用户不存在' },
  PLAN_NOT_FOUND: { status: 404, message: '工作要点不存在' },
  PLAN_ITEM_NOT_FOUND: { status: 404, message: '工作要点条目不存在' },
  PLAN_VERSION_NOT_FOUND: { status: 404, message: '工作要点的该版本不存在' },
  MESSAGE_NOT_FOUND: { status: 404, message: '消息不存在' },
  PLAN_TREE_INVALID: { status: 400, message: '工作要点的条目结构不符合要求' },
  PLAN_ALIGNMENT_INVALID: { status: 400, message: '只能对应到上一级行政区划已发布工作要点中的条目' },
  PLAN_ALREADY_PUBLISHED: { status: 409, message: '该地区该年度已有发布的工作要点' },
  PLAN_ITEM_EMPTY: { status: 400, message: '条目的标题和正文不能都为空' },
  PLAN_NOT_EDITABLE: {
    status: 409,
    message: '已发布的工作要点不能直接修改：请点“修订”，在修订稿中修改后发布',
  },
  PLAN_REVISION_EXISTS: { status: 409, message: '该工作要点已有一份未发布的修订稿' },
  TASK_NOT_FOUND: { status: 404, message: '任务不存在' },
  CASE_NOT_FOUND: { status: 404, message: '事项不存在' },
  CASE_STATE: { status: 409, message: '事项当前的状态不能进行此操作，请刷新后查看' },
  CASE_RULE: { status: 409, message: '此操作的条件尚不满足' },
  CASE_INVALID: { status: 400, message: '事项内容不符合要求' },
  CASE_PROJECT_NOT_FOUND: { status: 404, message: '民主监督项目不存在' },
  CASE_MEETING_NOT_FOUND: { status: 404, message: '政企座谈会记录不存在' },
  NOTICE_NOT_FOUND: { status: 404, message: '督办单不存在' },
  NOTICE_INVALID: { status: 400, message: '督办单内容不符合要求' },
  NOTICE_STATE: { status: 409, message: '督办单当前的状态不能进行此操作，请刷新后查看' },
  NOTICE_TASK_CLOSED: { status: 409, message: '任务尚未交办、已办结或已撤销，不能下发督办单' },
  BULLETIN_NOT_FOUND: { status: 404, message: '督办通报不存在' },
  CONTACT_NOT_FOUND: { status: 404, message: '联系人不存在' },
  CONTACT_ORGANISATION_NOT_FOUND: { status: 404, message: '联系人所属的组织不存在' },
  CONTACT_ORGANISATION_EXISTS: { status: 409, message: '本地区已有同名的组织' },
  CONTACT_INVALID: { status: 400, message: '联系人信息不符合要求' },
  CONTACT_DUPLICATE: { status: 409, message: '本组织已登记了使用该电话号码的联系人，请勿重复登记' },
  CONTACT_ANONYMISED: { status: 409, message: '该联系人已匿名化，不能再修改、查看或导出' },
  CONTACT_IN_USE: { status: 409, message: '该联系人仍被其他记录使用，暂不能删除或匿名化' },
  BULLETIN_STATE: { status: 409, message: '督办通报已印发，不能再修改；如需更正请另行生成' },
  TASK_INVALID: { status: 400, message: '任务内容不符合要求' },
  TASK_STATE: { status: 409, message: '任务当前的状态不能进行此操作，请刷新后查看' },
  REPORT_NOT_FOUND: { status: 404, message: '该期进度报告不存在（本期尚未开始或任务不按此周期报送）' },
  REPORT_INVALID: { status: 400, message: '进度报告内容不符合要求' },
  REPORT_STATE: { status: 409, message: '进度报告当前的状态不能进行此操作，请刷新后查看' },
  TASK_ADJUSTMENT_NOT_FOUND: { status: 404, message: '调整申请不存在' },
  TASK_ADJUSTMENT_PENDING: { status: 409, message: '该任务已有一项待审核的调整申请' },
  PLAN_NOT_PUBLISHED: { status: 409, message: '工作要点尚未发布，不能根据其条目创建任务' },
  PLAN_ITEM_HAS_TASKS: { status: 409, message: '该条目下已有任务，不能删除' },
  CONFLICT: { status: 409, message: '与现有数据冲突' },
  USERNAME_TAKEN: { status: 409, message: '用户名已被使用（用户名不区分大小写）' },
  REGION_EXISTS: { status: 409, message: '行政区划代码已存在' },
  UNIT_EXISTS: { status: 409, message: '同一上级单位下已有同名单位' },
  UNIT_HEAD_INVALID: { status: 400, message: '负责人须是本单位在用的账户' },
  ROLES_REQUIRED: {
    status: 400,
    message: '请至少选择一个角色；不再使用的账户请由系统管理员停用',
  },
  ROLE_CONFLICT: { status: 409, message: '角色互斥：系统管理员、安全管理员、审计管理员不能与其他角色兼任' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: '该幂等键已用于另一个请求' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: '相同的请求正在处理，请稍后查看结果' },
  VERSION_CONFLICT: { status: 412, message: '数据已被他人修改，请刷新后重试' },
  VERSION_REQUIRED: { status: 428, message: '更新请求需要 If-Match 版本号' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '上传内容过大' },
  AUDIT_EXPORT_TOO_LARGE: { status: 422, message: '符合条件的审计记录过多，请缩小范围后再导出' },
  TASK_IMPORT_TOO_LARGE: { status: 422, message: 'Excel 文件内容超过导入上限，请拆分后再导入' },
  TASK_IMPORT_UNREADABLE: { status: 400, message: '无法读取该 Excel 文件，请另存为 .xlsx 后再导入' },
  TASK_IMPORT_INVALID: {
    status: 422,
    message: 'Excel 文件中有不符合要求的行，未导入任何任务；请按错误清单修改后重新导入',
  },
  TASK_IMPORT_DUPLICATE: { status: 409, message: '该文件已导入过，不能重复导入' },
  INSTRUCTION_NOT_FOUND: { status: 404, message: '批示不存在' },
  INSTRUCTION_STATE: { status: 409, message: '批示当前的状态不能进行此操作，请刷新后查看' },
  WATCH_NOT_FOUND: { status: 404, message: '关注记录不存在' },
  WATCH_LIMIT: { status: 409, message: '关注的对象已达上限，请先取消一些关注' },
  PLAN_SOURCE_TOO_LARGE: { status: 422, message: '文件内容超过导入上限，请拆分后再导入' },
  PLAN_OUTLINE_TOO_LARGE: { status: 422, message: '识别出的条目过多，请检查文件是否为工作要点' },
  PLAN_PARSE_TIMEOUT: { status: 422, message: '文件过于复杂，未能在限定时间内解析完成' },
  PROPOSAL_DOCX_UNREADABLE: { status: 400, message: '无法读取该文件，请选择提案的 Word（.docx）文件' },
  PROPOSAL_DOCX_TOO_LARGE: { status: 422, message: '文件内容超过提案导入的上限，请删去无关内容后再导入' },
  ATTACHMENT_NOT_FOUND: { status: 404, message: '附件不存在' },
  ATTACHMENT_TOO_LARGE: { status: 413, message: '文件超过大小上限' },
  ATTACHMENT_TYPE_NOT_ALLOWED: { status: 415, message: '文件类型不在允许范围内' },
  ATTACHMENT_MISSING: { status: 400, message: '请选择一个文件上传' },
  ATTACHMENT_NOT_ATTACHABLE: {
    status: 409,
    message: '附件无法使用：只能使用本人上传、尚未使用且未过期的附件，请重新上传',
  },
  INPUT_TOO_DEEP: { status: 400, message: '请求内容嵌套层数过多' },
  INPUT_INVALID_TEXT: { status: 400, message: '请求中含有无效字符（不成对的 UTF-16 代理项）' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  SERVER_BUSY: { status: 503, message: '服务器正忙，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器内部错误' },
  CONTACT_ORGANISATION_IN_USE: { status: 409, message: '该组织仍有联系人或被其他记录使用，暂不能删除' },
  // 万企兴万村 结对台账 (modules/pairings).
  PAIRING_NOT_FOUND: { status: 404, message: '结对记录不存在' },
  PAIRING_INVALID: { status: 400, message: '结对记录内容不符合要求' },
  PAIRING_DUPLICATE: {
    status: 409,
    message: '该企业与该村同一年度的同类项目已登记过，请在原记录上修改或报送进展，不要重复登记',
  },
  PAIRING_STATE: { status: 409, message: '结对记录当前的状态不能进行此操作，请刷新后查看' },
  PAIRING_EXPORT_TOO_LARGE: { status: 422, message: '符合条件的结对记录过多，请按地区或项目类型分开导出' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? errorCatalogue[code].message);
    this.status = errorCatalogue[code].status;
  }
}

export function appError(code: ErrorCode, message?: string, details?: Record<string, unknown>): AppError {
  return new AppError(code, message, details);
}
