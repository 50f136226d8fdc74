// Chinese labels for the tasks module's codes (keyed by the server's own enums, so a new value fails to
// compile here until it has a label).
import type { AdjustmentKind, TaskCycle, TaskHealth, TaskSource, TaskStatus } from './api';

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  draft: '草稿',
  assigned: '待签收',
  accepted: '办理中',
  completion_requested: '申请办结',
  completed: '已办结',
  cancelled: '已撤销',
};
export const TASK_STATUS_TAG: Record<TaskStatus, 'info' | 'warning' | 'primary' | 'success' | 'danger'> = {
  draft: 'info',
  assigned: 'warning',
  accepted: 'primary',
  completion_requested: 'warning',
  completed: 'success',
  cancelled: 'info',
};
export const HEALTH_LABELS: Record<TaskHealth, string> = {
  green: '绿灯',
  yellow: '黄灯',
  red: '红灯',
  none: '无颜色',
};
export const TASK_SOURCE_LABELS: Record<TaskSource, string> = {
  plan: '工作要点',
  leader: '领导交办',
  meeting: '会议决定',
  other: '其他',
};
export const TASK_CYCLE_LABELS: Record<TaskCycle, string> = {
  monthly: '每月',
  quarterly: '每季度',
  milestone: '按里程碑',
  none: '不定期',
};
export const ADJUSTMENT_KIND_LABELS: Record<AdjustmentKind, string> = {
  deadline: '调整完成时限',
  lead: '调整牵头单位',
  scope: '调整任务内容',
};
export const ADJUSTMENT_STATUS_LABELS = { pending: '待审核', approved: '已同意', refused: '不同意' } as const;

const keys = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as T[];
export const TASK_STATUSES = keys(TASK_STATUS_LABELS);
export const HEALTHS = keys(HEALTH_LABELS);
export const TASK_SOURCES = keys(TASK_SOURCE_LABELS);
export const TASK_CYCLES = keys(TASK_CYCLE_LABELS);
export const ADJUSTMENT_KINDS = keys(ADJUSTMENT_KIND_LABELS);
