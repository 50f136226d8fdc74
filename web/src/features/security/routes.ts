// 安全设置 (features/security)
import type { RouteRecordRaw } from 'vue-router';

export const securityRoutes: RouteRecordRaw[] = [
  {
    path: 'security',
    name: 'security',
    component: () => import('@/features/security/views/SecuritySettingsView.vue'),
    meta: { title: '安全设置', permission: 'security.read' },
  },
];
