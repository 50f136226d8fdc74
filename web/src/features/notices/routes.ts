// 督办单 (features/notices)
import type { RouteRecordRaw } from 'vue-router';

export const noticeRoutes: RouteRecordRaw[] = [
  {
    path: 'notices',
    name: 'notices',
    component: () => import('@/features/notices/views/NoticeListView.vue'),
    meta: { title: '督办单', permission: 'work.read' },
  },
  {
    path: 'notices/:id(\\d+)',
    name: 'notice',
    component: () => import('@/features/notices/views/NoticeDetailView.vue'),
    meta: { title: '督办单', permission: 'work.read' },
  },
];
