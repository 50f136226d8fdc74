// 工作要点 (features/plans)
import type { RouteRecordRaw } from 'vue-router';

export const planRoutes: RouteRecordRaw[] = [
  {
    path: 'plans',
    name: 'plans',
    component: () => import('@/features/plans/views/PlanListView.vue'),
    meta: { title: '工作要点', permission: 'work.read' },
  },
  {
    path: 'plans/import',
    name: 'plan-import',
    component: () => import('@/features/plans/views/PlanImportView.vue'),
    meta: { title: '导入工作要点', permission: 'work.manage' },
  },
  {
    path: 'plans/compare',
    name: 'plan-compare',
    component: () => import('@/features/plans/views/PlanCompareView.vue'),
    meta: { title: '工作要点对比', permission: 'work.read' },
  },
  {
    path: 'plans/unit-keywords',
    name: 'plan-unit-keywords',
    component: () => import('@/features/plans/views/UnitKeywordsView.vue'),
    meta: { title: '单位关键词', permission: 'work.manage' },
  },
  {
    path: 'plans/:id(\\d+)',
    name: 'plan',
    component: () => import('@/features/plans/views/PlanDetailView.vue'),
    meta: { title: '工作要点', permission: 'work.read' },
  },
  {
    path: 'plans/:id(\\d+)/coverage',
    name: 'plan-coverage',
    component: () => import('@/features/plans/views/PlanCoverageView.vue'),
    meta: { title: '覆盖情况', permission: 'work.read' },
  },
];
