// The rules of a supervision notice (督办单), pure: who may take which step from which state, and the
// notice's colour from its running deadline. No database, no clock: the service passes today.
import type { NoticeLevel, NoticeRating, NoticeStatus } from '../../db/schema.ts';

export const LEVEL_LABELS: Record<NoticeLevel, string> = {
  general: '一般',
  key: '重点',
  listed: '挂牌督办',
};

export const STATUS_LABELS: Record<NoticeStatus, string> = {
  issued: '待签收',
  signed: '待反馈',
  responded: '反馈待审核',
  rectifying: '整改中',
  done_reported: '整改完成待审核',
  delist_requested: '待领导同意摘牌',
  closed: '已办结',
  withdrawn: '已撤回',
};

export const RATING_LABELS: Record<NoticeRating, string> = {
  good: '好',
  fair: '较好',
  average: '一般',
  poor: '差',
};

// Working days the unit has to respond, by level, when staff do not pick a date (docs/decisions/notices.md).
export const DEFAULT_RESPONSE_DAYS: Record<NoticeLevel, number> = { general: 10, key: 5, listed: 3 };

/** Who takes a step: the issuing region's staff, the lead unit, or a leader over the issuing region. */
export type NoticeActor = 'manager' | 'lead' | 'leader';

export type NoticeStep =
  | 'sign'
  | 'respond'
  | 'accept'
  | 'return'
  | 'complete'
  | 'close'
  | 'requestDelist'
  | 'approveDelist'
  | 'refuseDelist';

interface StepRule {
  who: NoticeActor;
  from: readonly NoticeStatus[];
  /** The state after the step; a function when it depends on where the notice stands. */
  to: (from: NoticeStatus) => NoticeStatus;
  /** Which levels the step applies to (摘牌 only to 挂牌督办; closing directly to the others). */
  levels?: readonly NoticeLevel[];
}

const NOT_LISTED: readonly NoticeLevel[] = ['general', 'key'];

export const NOTICE_STEPS: Record<NoticeStep, StepRule> = {
  // 签收: the lead unit acknowledges the notice.
  sign: { who: 'lead', from: ['issued'], to: () => 'signed' },
  // 反馈: measures and a fix date; again after staff sent it back.
  respond: { who: 'lead', from: ['signed'], to: () => 'responded' },
  // Staff accept the response (the unit now rectifies) or the completion report (ready to close).
  accept: {
    who: 'manager',
    from: ['responded'],
    to: () => 'rectifying',
  },
  // Staff send the response or the completion report back with a comment.
  return: {
    who: 'manager',
    from: ['responded', 'done_reported'],
    to: (from) => (from === 'responded' ? 'signed' : 'rectifying'),
  },
  // 整改完成: the unit reports the problem fixed.
  complete: { who: 'lead', from: ['rectifying'], to: () => 'done_reported' },
  // 办结 with a rating: a 一般 or 重点 notice, once the unit reported it done.
  close: { who: 'manager', from: ['done_reported'], to: () => 'closed', levels: NOT_LISTED },
  // 摘牌: a 挂牌督办 notice is closed only when a leader agrees.
  requestDelist: {
    who: 'manager',
    from: ['done_reported'],
    to: () => 'delist_requested',
    levels: ['listed'],
  },
  approveDelist: { who: 'leader', from: ['delist_requested'], to: () => 'closed', levels: ['listed'] },
  refuseDelist: {
    who: 'leader',
    from: ['delist_requested'],
    to: () => 'done_reported',
    levels: ['listed'],
  },
};

const STEP_LABELS: Record<NoticeStep, string> = {
  sign: '签收',
  respond: '反馈整改措施',
  accept: '审核通过',
  return: '退回',
  complete: '报告整改完成',
  close: '办结',
  requestDelist: '申请摘牌',
  approveDelist: '同意摘牌',
  refuseDelist: '不同意摘牌',
};

export type StepCheck =
  { ok: true; to: NoticeStatus } | { ok: false; reason: 'state' | 'level'; message: string };

/** Whether the step may be taken on a notice of this level in this state, and where it leads. */
export function checkStep(step: NoticeStep, level: NoticeLevel, status: NoticeStatus): StepCheck {
  const rule = NOTICE_STEPS[step];
  if (rule.levels && !rule.levels.includes(level)) {
    return {
      ok: false,
      reason: 'level',
      message:
        level === 'listed'
          ? '挂牌督办的督办单须经领导同意后摘牌，请点“申请摘牌”'
          : '只有挂牌督办的督办单需要摘牌，请直接办结',
    };
  }
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      reason: 'state',
      message: `督办单当前为“${STATUS_LABELS[status]}”，不能${STEP_LABELS[step]}，请刷新后查看`,
    };
  }
  return { ok: true, to: rule.to(status) };
}

/**
 * Whether an issued notice may be withdrawn (撤回, docs/decisions/notice-withdraw.md): only while the
 * lead unit has not signed for it. Once signed the unit is working on it; the notice is closed instead.
 */
export function checkWithdraw(status: NoticeStatus): { ok: true } | { ok: false; message: string } {
  if (status === 'issued') return { ok: true };
  if (status === 'withdrawn') return { ok: false, message: '督办单已撤回，无需再次撤回' };
  if (status === 'closed') return { ok: false, message: '督办单已办结，不能撤回' };
  return {
    ok: false,
    message: `牵头单位已签收该督办单（当前为“${STATUS_LABELS[status]}”），不能撤回；如需停止督办，请在审核其反馈后办结`,
  };
}

/** The deadline running in this state: the response date until the unit responds, the fix date while it rectifies. */
export function activeDeadline(
  status: NoticeStatus,
  responseDue: string,
  fixDue: string | null,
): string | null {
  if (status === 'issued' || status === 'signed') return responseDue;
  if (status === 'rectifying') return fixDue;
  return null;
}

export type NoticeColour = 'green' | 'yellow' | 'red' | 'none';

/**
 * The notice's colour, like a task's: red once the running deadline has passed, yellow when it falls
 * within the next few working days (`yellowThrough`: today plus those days, from the holiday calendar),
 * green otherwise; none once closed. The list's colour filter uses the same two dates on `active_due`.
 */
export function noticeColour(
  status: NoticeStatus,
  activeDue: string | null,
  today: string,
  yellowThrough: string,
): NoticeColour {
  if (status === 'closed' || status === 'withdrawn') return 'none';
  if (activeDue === null) return 'green';
  if (activeDue < today) return 'red';
  if (activeDue <= yellowThrough) return 'yellow';
  return 'green';
}

// Working days ahead within which a running deadline shows yellow.
export const YELLOW_WORKING_DAYS = 2;

export function colourReason(status: NoticeStatus, activeDue: string | null, colour: NoticeColour): string {
  if (colour === 'none' || activeDue === null) return '';
  const what = status === 'rectifying' ? '整改时限' : '反馈期限';
  if (colour === 'red') return `已超过${what}（${activeDue}）`;
  if (colour === 'yellow') return `${what}（${activeDue}）临近`;
  return `${what} ${activeDue}`;
}
