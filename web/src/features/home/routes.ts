// 工作台 (features/home): the page after sign-in.
import type { RouteRecordRaw } from 'vue-router';

export const homeRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('@/features/home/views/HomeView.vue'),
    meta: { title: '工作台' },
  },
];
