// 领导驾驶舱 (features/dashboard): its charts (ECharts) load with this route only.
import type { RouteRecordRaw } from 'vue-router';

export const dashboardRoutes: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('@/features/dashboard/views/DashboardView.vue'),
    meta: { title: '领导驾驶舱', permission: 'work.read' },
  },
];
