// 提醒与督办规则 (features/reminders)
import type { RouteRecordRaw } from 'vue-router';

export const reminderRoutes: RouteRecordRaw[] = [
  {
    path: 'reminders/rules',
    name: 'reminder-rules',
    component: () => import('@/features/reminders/views/ReminderRulesView.vue'),
    meta: { title: '提醒与督办规则', permission: 'work.read' },
  },
];
