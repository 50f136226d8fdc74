// 督办通报 (features/bulletins)
import type { RouteRecordRaw } from 'vue-router';

export const bulletinRoutes: RouteRecordRaw[] = [
  {
    path: 'bulletins',
    name: 'bulletins',
    component: () => import('@/features/bulletins/views/BulletinListView.vue'),
    meta: { title: '督办通报', permission: 'work.manage' },
  },
  {
    path: 'bulletins/:id(\\d+)',
    name: 'bulletin',
    // Units read (and download) a bulletin sent to them from their inbox message.
    component: () => import('@/features/bulletins/views/BulletinView.vue'),
    meta: { title: '督办通报', permission: 'work.read' },
  },
];
