// 节假日安排 (features/calendar)
import type { RouteRecordRaw } from 'vue-router';

export const calendarRoutes: RouteRecordRaw[] = [
  {
    path: 'calendar',
    name: 'calendar',
    component: () => import('@/features/calendar/views/CalendarView.vue'),
    meta: { title: '节假日安排', permission: 'work.read' },
  },
];
