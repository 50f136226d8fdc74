// Chinese labels for the plans module's codes.
import type { PlanStatus } from './api';

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: '草稿',
  published: '已发布',
  repealed: '已废止',
};
export const PLAN_STATUS_TAG: Record<PlanStatus, 'info' | 'success' | 'danger'> = {
  draft: 'info',
  published: 'success',
  repealed: 'danger',
};

// plan_versions.action (server VersionAction).
export const VERSION_ACTION_LABELS: Record<string, string> = {
  create: '新建',
  update: '修改',
  'item.update': '修改条目',
  'item.align': '确认对应',
  publish: '发布',
  restore: '恢复',
  revise: '发布修订',
  withdraw: '撤回',
  repeal: '废止',
};

export type CompareKind = 'matched' | 'changed' | 'added' | 'removed' | 'moved';
export const COMPARE_KIND_LABELS: Record<CompareKind, string> = {
  matched: '一致',
  changed: '有修改',
  added: '新增',
  removed: '删除',
  moved: '位置变化',
};
export const COMPARE_KIND_TAG: Record<CompareKind, 'success' | 'warning' | 'primary' | 'danger' | 'info'> = {
  matched: 'success',
  changed: 'warning',
  added: 'primary',
  removed: 'danger',
  moved: 'info',
};

/** "（一）" style display of a node's number, by the kind of numeral it is. */
export function displayNumber(number: string | null): string {
  if (!number) return '';
  if (/^[一二三四五六七八九十百]+$/.test(number)) return `${number}、`;
  if (/^[0-9]+$/.test(number)) return `${number}.`;
  return number;
}

/** A node's title line: its heading, or the start of its body when it has none. */
export function titleOf(node: { heading: string; body: string }): string {
  if (node.heading.trim()) return node.heading;
  const body = node.body.trim();
  return body.length > 40 ? `${body.slice(0, 40)}…` : body || '（无标题）';
}

/** What the read-only tree shows of a node (parser output, saved items and editor nodes alike). */
export interface ViewNode {
  id?: number;
  key?: string;
  number: string | null;
  heading: string;
  body: string;
  lead: string[];
  cooperating: string[];
  brandActivities: string[];
  proposedTasks: unknown[];
  children: ViewNode[];
}
