// 行政区划、单位、用户 (features/org)
import type { RouteRecordRaw } from 'vue-router';

export const orgRoutes: RouteRecordRaw[] = [
  {
    path: 'org/regions',
    name: 'regions',
    component: () => import('@/features/org/views/RegionsView.vue'),
    meta: { title: '行政区划', permission: 'org.read' },
  },
  {
    path: 'org/units',
    name: 'units',
    component: () => import('@/features/org/views/UnitsView.vue'),
    meta: { title: '单位', permission: 'org.read' },
  },
  {
    path: 'org/users',
    name: 'users',
    component: () => import('@/features/org/views/UsersView.vue'),
    meta: { title: '用户', permission: 'user.read' },
  },
];
