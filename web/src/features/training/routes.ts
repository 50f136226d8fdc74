// 干部培训 (features/training): plans, courses, the room's QR display, the 扫码签到 page, hours; the
// completion chart (ECharts) loads with its own route only.
import type { RouteRecordRaw } from 'vue-router';

export const trainingRoutes: RouteRecordRaw[] = [
  {
    path: 'training',
    name: 'training',
    component: () => import('@/features/training/views/TrainingPlansView.vue'),
    meta: { title: '干部培训', permission: 'work.read' },
  },
  {
    path: 'training/plans/:id(\\d+)',
    name: 'training-plan',
    component: () => import('@/features/training/views/TrainingPlanView.vue'),
    props: true,
    meta: { title: '培训计划', permission: 'work.read' },
  },
  {
    path: 'training/courses/:id(\\d+)',
    name: 'training-course',
    component: () => import('@/features/training/views/TrainingCourseView.vue'),
    props: true,
    meta: { title: '培训课程', permission: 'work.read' },
  },
  {
    path: 'training/sessions/:id(\\d+)/qr',
    name: 'training-qr',
    component: () => import('@/features/training/views/TrainingQrView.vue'),
    props: true,
    meta: { title: '现场签到码', permission: 'work.manage' },
  },
  {
    path: 'training/scan',
    name: 'training-scan',
    component: () => import('@/features/training/views/TrainingScanView.vue'),
    meta: { title: '扫码签到', permission: 'work.read' },
  },
  {
    path: 'training/my-hours',
    name: 'training-my-hours',
    component: () => import('@/features/training/views/MyHoursView.vue'),
    meta: { title: '我的学时', permission: 'work.read' },
  },
  {
    path: 'training/units',
    name: 'training-units',
    component: () => import('@/features/training/views/TrainingUnitsView.vue'),
    meta: { title: '培训完成情况', permission: 'work.read' },
  },
  {
    path: 'training/people',
    name: 'training-people',
    component: () => import('@/features/training/views/TrainingPeopleView.vue'),
    meta: { title: '参训人员学时', permission: 'work.read' },
  },
];
