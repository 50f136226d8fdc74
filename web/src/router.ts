import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { ElMessage } from 'element-plus';
import { useAuthStore } from '@/features/auth/store';
import { redirectQuery, returnPath } from '@/features/auth/return-path';
import LoginView from '@/features/auth/views/LoginView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    // The permission needed to open the page; any signed-in user when absent.
    permission?: string;
    // Reachable without a session (login).
    public?: boolean;
    // One of the set-up steps shown before anything else.
    setup?: 'password' | 'totp';
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    // In the entry chunk: the first screen of every visit without a session must not wait for a chunk
    // requested only after the session check.
    component: LoginView,
    meta: { title: '登录', public: true },
  },
  {
    path: '/setup/password',
    name: 'setup-password',
    component: () => import('@/features/auth/views/SetupPasswordView.vue'),
    meta: { title: '修改初始密码', setup: 'password' },
  },
  {
    path: '/setup/totp',
    name: 'setup-totp',
    component: () => import('@/features/auth/views/SetupTotpView.vue'),
    meta: { title: '绑定动态口令', setup: 'totp' },
  },
  {
    path: '/',
    component: () => import('@/layouts/MainLayout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/features/home/views/HomeView.vue'),
        meta: { title: '工作台' },
      },
      // 工作要点 (features/plans)
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
      // 任务 (features/tasks)
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
      // 督办单 (features/notices)
      {
        path: 'notices',
        name: 'notices',
        component: () => import('@/features/notices/views/NoticeListView.vue'),
        meta: { title: '督办单', permission: 'work.read' },
      },
      {
        path: 'notices/:id(\\d+)',
        name: 'notice',
        component: () => import('@/features/notices/views/NoticeDetailView.vue'),
        meta: { title: '督办单', permission: 'work.read' },
      },
      // 事项 (features/cases): 议政建言、民主监督、政企沟通、基层诉求 on one engine
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
      // 进度填报 (features/reports): the form is on the task page; the board is its own page (read by
      // leaders too, from their dashboard; its reminder is for staff).
      {
        path: 'reports/missing',
        name: 'reports-missing',
        component: () => import('@/features/reports/views/MissingBoardView.vue'),
        meta: { title: '未报送看板', permission: 'work.read' },
      },
      // 领导驾驶舱 (features/dashboard): its charts (ECharts) load with this route only.
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('@/features/dashboard/views/DashboardView.vue'),
        meta: { title: '领导驾驶舱', permission: 'work.read' },
      },
      // 批示办理 and 我的关注 (features/instructions)
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
      // 督办通报 (features/bulletins)
      {
        path: 'bulletins',
        name: 'bulletins',
        component: () => import('@/features/bulletins/views/BulletinListView.vue'),
        meta: { title: '督办通报', permission: 'work.manage' },
      },
      {
        path: 'bulletins/:id(\\d+)',
        name: 'bulletin',
        // Units read (and download) a bulletin sent to them from their inbox message.
        component: () => import('@/features/bulletins/views/BulletinView.vue'),
        meta: { title: '督办通报', permission: 'work.read' },
      },
      // 品牌活动 (features/activities)
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
      // 干部培训 (features/training): plans, courses, the room's QR display, the 扫码签到 page, hours; the
      // completion chart (ECharts) loads with its own route only.
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
      // 联系人 (features/contacts)
      {
        path: 'contacts',
        name: 'contacts',
        component: () => import('@/features/contacts/views/ContactsView.vue'),
        meta: { title: '联系人', permission: 'contact.read' },
      },
      // 万企兴万村结对台账 (features/pairings)
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
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('@/features/calendar/views/CalendarView.vue'),
        meta: { title: '节假日安排', permission: 'work.read' },
      },
      {
        path: 'reminders/rules',
        name: 'reminder-rules',
        component: () => import('@/features/reminders/views/ReminderRulesView.vue'),
        meta: { title: '提醒与督办规则', permission: 'work.read' },
      },
      {
        path: 'org/regions',
        name: 'regions',
        component: () => import('@/features/org/views/RegionsView.vue'),
        meta: { title: '行政区划', permission: 'org.read' },
      },
      {
        path: 'org/units',
        name: 'units',
        component: () => import('@/features/org/views/UnitsView.vue'),
        meta: { title: '单位', permission: 'org.read' },
      },
      {
        path: 'org/users',
        name: 'users',
        component: () => import('@/features/org/views/UsersView.vue'),
        meta: { title: '用户', permission: 'user.read' },
      },
      {
        path: 'security',
        name: 'security',
        component: () => import('@/features/security/views/SecuritySettingsView.vue'),
        meta: { title: '安全设置', permission: 'security.read' },
      },
      {
        path: 'channels',
        name: 'channels',
        component: () => import('@/features/channels/views/ChannelsView.vue'),
        meta: { title: '通知渠道', permission: 'security.read' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/features/audit/views/AuditView.vue'),
        meta: { title: '审计日志', permission: 'audit.read' },
      },
      {
        path: 'inbox',
        name: 'inbox',
        component: () => import('@/features/inbox/views/InboxView.vue'),
        meta: { title: '站内消息' },
      },
      {
        path: 'profile',
        name: 'profile',
        component: () => import('@/features/profile/views/ProfileView.vue'),
        meta: { title: '个人设置' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/layouts/NotFoundView.vue'),
        meta: { title: '页面不存在' },
      },
    ],
  },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
});

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  try {
    await auth.ensureLoaded();
  } catch {
    ElMessage.error({ message: '无法连接服务器，请稍后刷新重试', grouping: true });
    if (!to.meta.public) return { name: 'login' };
  }

  if (to.meta.public) {
    // A signed-in user has nothing to do on the login page.
    if (auth.signedIn && !auth.mustChangePassword && !auth.needsEnrolment)
      return returnPath(to.query.redirect) ?? { name: 'home' };
    return true;
  }

  if (!auth.signedIn) {
    if (auth.pending === 'enrol' && to.name === 'setup-totp') return true;
    return { name: 'login', query: redirectQuery(to.fullPath) };
  }

  // The first sign-in's steps keep the page the person was going to (features/auth/return-path.ts).
  const onward = to.meta.setup ? to.query.redirect : to.fullPath;
  if (auth.mustChangePassword)
    return to.name === 'setup-password' ? true : { name: 'setup-password', query: redirectQuery(onward) };
  if (auth.needsEnrolment)
    return to.name === 'setup-totp' ? true : { name: 'setup-totp', query: redirectQuery(onward) };
  if (to.meta.setup) return returnPath(to.query.redirect) ?? { name: 'home' };

  if (!auth.can(to.meta.permission)) {
    ElMessage.warning({ message: '您没有访问该页面的权限，已返回工作台', grouping: true });
    return { name: 'home' };
  }
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 落实` : '落实';
});

// While someone types their password, fetch the layout and the 工作台 (after the sign-in screen has been
// painted: a timeout set in the next animation frame runs after that frame), so signing in shows the
// 工作台 without another round of requests.
router.afterEach((to) => {
  if (to.name !== 'login') return;
  window.requestAnimationFrame(() =>
    window.setTimeout(() => {
      void import('@/layouts/MainLayout.vue');
      void import('@/features/home/views/HomeView.vue');
    }, 0),
  );
});
