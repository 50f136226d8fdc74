// 批示办理 and 我的关注 (features/instructions)
import type { RouteRecordRaw } from 'vue-router';

export const instructionRoutes: RouteRecordRaw[] = [
  {
    path: 'instructions',
    name: 'instructions',
    component: () => import('@/features/instructions/views/InstructionListView.vue'),
    meta: { title: '批示办理', permission: 'work.read' },
  },
  {
    path: 'watches',
    name: 'watches',
    component: () => import('@/features/instructions/views/WatchListView.vue'),
    meta: { title: '我的关注', permission: 'work.read' },
  },
];
