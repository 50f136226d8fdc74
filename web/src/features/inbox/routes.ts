// 站内消息 (features/inbox)
import type { RouteRecordRaw } from 'vue-router';

export const inboxRoutes: RouteRecordRaw[] = [
  {
    path: 'inbox',
    name: 'inbox',
    component: () => import('@/features/inbox/views/InboxView.vue'),
    meta: { title: '站内消息' },
  },
];
