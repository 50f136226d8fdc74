// 万企兴万村结对台账 (features/pairings)
import type { RouteRecordRaw } from 'vue-router';

export const pairingRoutes: RouteRecordRaw[] = [
  {
    path: 'pairings',
    name: 'pairings',
    component: () => import('@/features/pairings/views/PairingLedgerView.vue'),
    meta: { title: '万企兴万村', permission: 'work.read' },
  },
  {
    path: 'pairings/:id(\\d+)',
    name: 'pairing',
    component: () => import('@/features/pairings/views/PairingView.vue'),
    meta: { title: '结对项目', permission: 'work.read' },
  },
];
