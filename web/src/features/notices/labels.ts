// Words for a notice's codes that the server does not send as labels (filters, the form's choices).
import type { NoticeColour, NoticeLevel, NoticeRating, NoticeStatus } from './api';

export const LEVELS: NoticeLevel[] = ['general', 'key', 'listed'];
export const LEVEL_LABELS: Record<NoticeLevel, string> = {
  general: '一般',
  key: '重点',
  listed: '挂牌督办',
};
export const LEVEL_TAG: Record<NoticeLevel, 'info' | 'warning' | 'danger'> = {
  general: 'info',
  key: 'warning',
  listed: 'danger',
};

export const STATUSES: NoticeStatus[] = [
  'issued',
  'signed',
  'responded',
  'rectifying',
  'done_reported',
  'delist_requested',
  'closed',
  'withdrawn',
];
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

export const COLOUR_LABELS: Record<NoticeColour, string> = {
  green: '正常',
  yellow: '临近期限',
  red: '已逾期',
  none: '已办结',
};

export const RATINGS: NoticeRating[] = ['good', 'fair', 'average', 'poor'];
export const RATING_LABELS: Record<NoticeRating, string> = {
  good: '好',
  fair: '较好',
  average: '一般',
  poor: '差',
};
