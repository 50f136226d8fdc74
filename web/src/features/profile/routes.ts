// 个人设置 (features/profile)
import type { RouteRecordRaw } from 'vue-router';

export const profileRoutes: RouteRecordRaw[] = [
  {
    path: 'profile',
    name: 'profile',
    component: () => import('@/features/profile/views/ProfileView.vue'),
    meta: { title: '个人设置' },
  },
];
