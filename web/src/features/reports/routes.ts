// 进度填报 (features/reports): the form is on the task page; the board is its own page (read by
// leaders too, from their dashboard; its reminder is for staff).
import type { RouteRecordRaw } from 'vue-router';

export const reportRoutes: RouteRecordRaw[] = [
  {
    path: 'reports/missing',
    name: 'reports-missing',
    component: () => import('@/features/reports/views/MissingBoardView.vue'),
    meta: { title: '未报送看板', permission: 'work.read' },
  },
];
