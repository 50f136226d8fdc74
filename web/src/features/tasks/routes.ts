// 任务 (features/tasks)
import type { RouteRecordRaw } from 'vue-router';

export const taskRoutes: RouteRecordRaw[] = [
  {
    path: 'tasks',
    name: 'tasks',
    component: () => import('@/features/tasks/views/TaskListView.vue'),
    meta: { title: '任务', permission: 'work.read' },
  },
  {
    path: 'tasks/:id(\\d+)',
    name: 'task',
    component: () => import('@/features/tasks/views/TaskDetailView.vue'),
    meta: { title: '任务', permission: 'work.read' },
  },
];
