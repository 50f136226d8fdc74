// 通知渠道 (features/channels)
import type { RouteRecordRaw } from 'vue-router';

export const channelRoutes: RouteRecordRaw[] = [
  {
    path: 'channels',
    name: 'channels',
    component: () => import('@/features/channels/views/ChannelsView.vue'),
    meta: { title: '通知渠道', permission: 'security.read' },
  },
];
