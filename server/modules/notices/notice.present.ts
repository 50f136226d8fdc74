// A notice as the API shows it: labels, colour from today's dates, the timeline in words.
import { z } from 'zod';
import type { NoticeRating } from '../../db/schema.ts';
import type { NoticeWithNames } from './notice.repository.ts';
import { colourReason, LEVEL_LABELS, noticeColour, RATING_LABELS, STATUS_LABELS } from './notice.rules.ts';

/** Today and the last day that still shows yellow, from the holiday calendar (notice.dates.ts). */
export interface ColourDates {
  today: string;
  yellowThrough: string;
}

export function presentSummary(n: NoticeWithNames, dates: ColourDates) {
  const colour = noticeColour(n.status, n.active_due, dates.today, dates.yellowThrough);
  return {
    id: n.id,
    taskId: n.task_id,
    taskTitle: n.task_title,
    level: n.level,
    levelLabel: LEVEL_LABELS[n.level],
    status: n.status,
    statusLabel: STATUS_LABELS[n.status],
    colour,
    colourReason: colourReason(n.status, n.active_due, colour),
    reason: n.reason,
    responseDue: n.response_due,
    fixDue: n.fix_due,
    leadUnit: { id: n.lead_unit_id, name: n.lead_unit_name },
    managerRegionName: n.manager_region_name,
    issuerName: n.issuer_name,
    issuedAt: n.issued_at,
    version: n.version,
  };
}

export function ratingLabel(rating: NoticeRating | null): string | null {
  return rating ? RATING_LABELS[rating] : null;
}

export const NOTICE_EVENT_LABELS = {
  issued: '下发督办单',
  signed: '签收',
  responded: '反馈整改措施',
  accepted: '反馈审核通过',
  returned: '退回',
  completed: '报告整改完成',
  closed: '办结',
  delist_requested: '申请摘牌',
  delisted: '领导同意摘牌',
  delist_refused: '领导不同意摘牌',
  // Written by other modules through recordNoticeEvent (index.ts): leaders' instructions and the reminders.
  instruction_created: '领导批示',
  instruction_followed_up: '反馈批示落实情况',
  instruction_more_requested: '要求补充批示落实情况',
  instruction_done: '确认批示落实完毕',
  deadline_reminded: '到期提醒',
  deadline_escalated: '逾期督办',
  // Settled on every step and by the daily job (notice.colour.ts).
  colour_changed: '颜色变化',
  withdrawn: '撤回督办单',
} as const;
export type NoticeEventKind = keyof typeof NOTICE_EVENT_LABELS;

const detailSchema = z.record(z.string(), z.unknown());

export function presentEvent(e: {
  id: number;
  at: string;
  actor_name: string | null;
  kind: string;
  detail: string;
}) {
  let detail: Record<string, unknown> = {};
  try {
    const parsed = detailSchema.safeParse(JSON.parse(e.detail));
    if (parsed.success) detail = parsed.data;
  } catch {
    // a malformed stored detail shows as none
  }
  return {
    id: Number(e.id),
    at: e.at,
    actorName: e.actor_name,
    kind: e.kind,
    label: NOTICE_EVENT_LABELS[e.kind as NoticeEventKind] ?? e.kind,
    detail,
  };
}
