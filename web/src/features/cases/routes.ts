// 事项 (features/cases): 议政建言、民主监督、政企沟通、基层诉求 on one engine
import type { RouteRecordRaw } from 'vue-router';

export const caseRoutes: RouteRecordRaw[] = [
  {
    path: 'cases/:type(proposal|oversight|appeal|grassroots)',
    name: 'cases',
    component: () => import('@/features/cases/views/CaseListView.vue'),
    meta: { title: '事项', permission: 'work.read' },
  },
  {
    path: 'cases/:type(proposal|oversight|appeal|grassroots)/statistics',
    name: 'case-stats',
    component: () => import('@/features/cases/views/CaseStatsView.vue'),
    meta: { title: '事项统计', permission: 'work.read' },
  },
  {
    path: 'cases/projects',
    name: 'case-projects',
    component: () => import('@/features/cases/views/ProjectListView.vue'),
    meta: { title: '民主监督项目', permission: 'work.read' },
  },
  {
    path: 'cases/projects/:id(\\d+)',
    name: 'case-project',
    component: () => import('@/features/cases/views/ProjectDetailView.vue'),
    meta: { title: '民主监督项目', permission: 'work.read' },
  },
  {
    path: 'cases/meetings',
    name: 'case-meetings',
    component: () => import('@/features/cases/views/MeetingListView.vue'),
    meta: { title: '政企座谈会', permission: 'work.read' },
  },
  {
    path: 'cases/meetings/:id(\\d+)',
    name: 'case-meeting',
    component: () => import('@/features/cases/views/MeetingDetailView.vue'),
    meta: { title: '政企座谈会', permission: 'work.read' },
  },
  {
    path: 'cases/:type(proposal|oversight|appeal|grassroots)/new',
    name: 'case-new',
    component: () => import('@/features/cases/views/CaseDraftView.vue'),
    meta: { title: '起草事项', permission: 'work.read' },
  },
  {
    path: 'cases/:id(\\d+)',
    name: 'case',
    component: () => import('@/features/cases/views/CaseDetailView.vue'),
    meta: { title: '事项', permission: 'work.read' },
  },
  {
    path: 'cases/:id(\\d+)/edit',
    name: 'case-edit',
    component: () => import('@/features/cases/views/CaseDraftView.vue'),
    meta: { title: '修改草稿', permission: 'work.read' },
  },
];
