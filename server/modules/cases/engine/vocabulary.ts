// The words of the case engine, with the Chinese a person reads, in one place: the four case types, the
// states a case passes through, the actions that move it, the relations a person can have to a case, and
// the ratings, answer categories and 批示 levels. The type configs (types/*.ts) are made of these words;
// the API's enums (case.schemas.ts) and the web app's labels come from here.

export const CASE_TYPES = ['proposal', 'oversight', 'appeal', 'grassroots'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  proposal: '议政建言',
  oversight: '民主监督',
  appeal: '政企沟通',
  grassroots: '基层诉求',
};

export const CASE_STATES = [
  'draft',
  'submitted',
  'accepted',
  'declined',
  'reference',
  'merged',
  'forwarded',
  'return_requested',
  'answered',
  'reopened',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  draft: '草稿',
  submitted: '已提交待审查',
  accepted: '已立案待交办',
  declined: '不予立案',
  reference: '留作参考',
  merged: '已并案',
  forwarded: '办理中',
  return_requested: '申请退回待审核',
  answered: '已答复待评价',
  reopened: '不满意再次办理',
  closed: '已办结',
};

export const CASE_ACTIONS = [
  'invite_cosigner',
  'confirm_cosign',
  'decline_cosign',
  'submit',
  'withdraw',
  'accept',
  'decline',
  'keep_for_reference',
  'merge',
  'mark_key',
  'unmark_key',
  'forward',
  'return',
  'accept_return',
  'reject_return',
  'answer',
  'rate',
  'close',
  'adopt',
  'record_instruction',
  'turn_into_task',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  invite_cosigner: '邀请联名',
  confirm_cosign: '确认联名',
  decline_cosign: '谢绝联名',
  submit: '提交',
  withdraw: '撤回',
  accept: '立案',
  decline: '不予立案',
  keep_for_reference: '留作参考',
  merge: '并案',
  mark_key: '标为重点',
  unmark_key: '取消重点',
  forward: '交办',
  return: '申请退回',
  accept_return: '同意退回',
  reject_return: '不同意退回',
  answer: '答复',
  rate: '评价',
  close: '办结',
  adopt: '采纳',
  record_instruction: '登记领导批示',
  turn_into_task: '转为任务',
};

// A type may name an action or a state in its own words: an enterprise's appeal and a 基层 request are
// 受理'd (立案 is the word for proposals), a 民主监督 report is 采用'd or not. The pages, the timeline, the
// messages and the engine's refusals say these; the vocabulary lists the shared words.
const TYPE_ACTION_LABELS: Partial<Record<CaseType, Partial<Record<CaseAction, string>>>> = {
  oversight: { decline: '不予采用' },
  appeal: { decline: '不予受理' },
  grassroots: { accept: '受理', decline: '不予受理' },
};
const TYPE_STATE_LABELS: Partial<Record<CaseType, Partial<Record<CaseState, string>>>> = {
  oversight: { declined: '不予采用' },
  appeal: { declined: '不予受理' },
  grassroots: { accepted: '已受理待办理', declined: '不予受理' },
};

/** The action's label for a case of this type. */
export function actionLabel(type: string, action: CaseAction): string {
  return TYPE_ACTION_LABELS[type as CaseType]?.[action] ?? CASE_ACTION_LABELS[action];
}

/** The state's label for a case of this type. */
export function stateLabel(type: string, state: CaseState): string {
  return TYPE_STATE_LABELS[type as CaseType]?.[state] ?? CASE_STATE_LABELS[state];
}

/**
 * How a person stands to a case; the policy (case.policy.ts) works them out, the engine only reads them.
 * - submitter: a person of the submitting organisation (or unit);
 * - author: the person who drafted and submitted it;
 * - follower: the author of a case merged into this one (the merged ones follow the main one);
 * - invitee: a co-signer invited and not yet answered; cosigner: one who confirmed;
 * - staff / leader: 统战部 staff / a leader whose region subtree holds the case's handling region;
 * - lead_unit / cooperating_unit: acts for the lead / a cooperating handling unit.
 */
export const RELATIONS = [
  'submitter',
  'author',
  'follower',
  'invitee',
  'cosigner',
  'staff',
  'leader',
  'lead_unit',
  'cooperating_unit',
] as const;
export type Relation = (typeof RELATIONS)[number];

export const RELATION_LABELS: Record<Relation, string> = {
  submitter: '提交单位',
  author: '提交人',
  follower: '被并案的提交人',
  invitee: '受邀联名人',
  cosigner: '联名人',
  staff: '统战部工作人员',
  leader: '部领导',
  lead_unit: '主办单位',
  cooperating_unit: '协办单位',
};

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

export const ANSWER_CATEGORIES = ['solved', 'planned', 'reference'] as const;
export type AnswerCategory = (typeof ANSWER_CATEGORIES)[number];
export const ANSWER_CATEGORY_LABELS: Record<AnswerCategory, string> = {
  solved: '已解决',
  planned: '列入计划解决',
  reference: '留作参考',
};

export const INSTRUCTION_LEVELS = ['national', 'province', 'city', 'county'] as const;
export type InstructionLevel = (typeof INSTRUCTION_LEVELS)[number];
export const INSTRUCTION_LEVEL_LABELS: Record<InstructionLevel, string> = {
  national: '中央领导',
  province: '省级领导',
  city: '市级领导',
  county: '县级领导',
};

export const HANDLER_ROLES = ['lead', 'cooperating'] as const;
export type HandlerRole = (typeof HANDLER_ROLES)[number];
export const HANDLER_ROLE_LABELS: Record<HandlerRole, string> = { lead: '主办', cooperating: '协办' };

export const SIGNER_STATUSES = ['invited', 'confirmed', 'declined'] as const;
export type SignerStatus = (typeof SIGNER_STATUSES)[number];
export const SIGNER_STATUS_LABELS: Record<SignerStatus, string> = {
  invited: '待确认',
  confirmed: '已确认',
  declined: '已谢绝',
};

// 政企沟通: what an appeal is (诉求类型) and how it came in (渠道).
export const APPEAL_KINDS = ['complaint', 'coordination', 'policy', 'other'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];
export const APPEAL_KIND_LABELS: Record<AppealKind, string> = {
  complaint: '诉求',
  coordination: '协调',
  policy: '政策咨询',
  other: '其他',
};
export const APPEAL_CHANNELS = ['meeting', 'visit', 'online', 'federation', 'other'] as const;
export type AppealChannel = (typeof APPEAL_CHANNELS)[number];
export const APPEAL_CHANNEL_LABELS: Record<AppealChannel, string> = {
  meeting: '座谈会',
  visit: '走访',
  online: '线上',
  federation: '工商联转交',
  other: '其他',
};

// 基层: what the county or township asks the level above for.
export const GRASSROOTS_NEEDS = ['staffing', 'funds', 'coordination', 'other'] as const;
export type GrassrootsNeed = (typeof GRASSROOTS_NEEDS)[number];
export const GRASSROOTS_NEED_LABELS: Record<GrassrootsNeed, string> = {
  staffing: '人员力量',
  funds: '工作经费',
  coordination: '协调事项',
  other: '其他',
};

/** The label of a case's kind (an appeal's type, a request's need), by its case type. */
export function subtypeLabel(type: string, subtype: string): string {
  const labels: Record<string, string> =
    type === 'appeal' ? APPEAL_KIND_LABELS : type === 'grassroots' ? GRASSROOTS_NEED_LABELS : {};
  return labels[subtype] ?? subtype;
}
