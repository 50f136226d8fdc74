// 品牌活动 (features/activities)
import type { RouteRecordRaw } from 'vue-router';

export const activityRoutes: RouteRecordRaw[] = [
  {
    path: 'activities',
    name: 'activity-brands',
    component: () => import('@/features/activities/views/BrandListView.vue'),
    meta: { title: '品牌活动', permission: 'work.read' },
  },
  {
    path: 'activities/brands/:id(\\d+)',
    name: 'activity-brand',
    component: () => import('@/features/activities/views/BrandView.vue'),
    meta: { title: '品牌活动', permission: 'work.read' },
  },
  {
    path: 'activities/events',
    name: 'activity-events',
    component: () => import('@/features/activities/views/EventListView.vue'),
    meta: { title: '活动', permission: 'work.read' },
  },
  {
    path: 'activities/events/:id(\\d+)',
    name: 'activity-event',
    component: () => import('@/features/activities/views/EventView.vue'),
    meta: { title: '活动', permission: 'work.read' },
  },
  {
    path: 'activities/outcomes',
    name: 'activity-outcomes',
    component: () => import('@/features/activities/views/OutcomeListView.vue'),
    meta: { title: '活动成效', permission: 'work.read' },
  },
];
