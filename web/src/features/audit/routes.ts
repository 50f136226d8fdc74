// 审计日志 (features/audit)
import type { RouteRecordRaw } from 'vue-router';

export const auditRoutes: RouteRecordRaw[] = [
  {
    path: 'audit',
    name: 'audit',
    component: () => import('@/features/audit/views/AuditView.vue'),
    meta: { title: '审计日志', permission: 'audit.read' },
  },
];
