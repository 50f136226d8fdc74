import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { ElMessage } from 'element-plus';
import { useAuthStore } from '@/features/auth/store';
import { redirectQuery, returnPath } from '@/features/auth/return-path';
import { authRoutes } from '@/features/auth/routes';
import { homeRoutes } from '@/features/home/routes';
import { planRoutes } from '@/features/plans/routes';
import { taskRoutes } from '@/features/tasks/routes';
import { noticeRoutes } from '@/features/notices/routes';
import { caseRoutes } from '@/features/cases/routes';
import { reportRoutes } from '@/features/reports/routes';
import { dashboardRoutes } from '@/features/dashboard/routes';
import { instructionRoutes } from '@/features/instructions/routes';
import { bulletinRoutes } from '@/features/bulletins/routes';
import { activityRoutes } from '@/features/activities/routes';
import { trainingRoutes } from '@/features/training/routes';
import { contactRoutes } from '@/features/contacts/routes';
import { pairingRoutes } from '@/features/pairings/routes';
import { calendarRoutes } from '@/features/calendar/routes';
import { reminderRoutes } from '@/features/reminders/routes';
import { orgRoutes } from '@/features/org/routes';
import { securityRoutes } from '@/features/security/routes';
import { channelRoutes } from '@/features/channels/routes';
import { auditRoutes } from '@/features/audit/routes';
import { inboxRoutes } from '@/features/inbox/routes';
import { profileRoutes } from '@/features/profile/routes';

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

// Each feature lists its own pages in features/<name>/routes.ts; here they are put together, the pages
// of the signed-in app under the main layout, in the order they always had (vue-router tries equally
// ranked paths in that order).
const routes: RouteRecordRaw[] = [
  ...authRoutes,
  {
    path: '/',
    component: () => import('@/layouts/MainLayout.vue'),
    children: [
      ...homeRoutes,
      ...planRoutes,
      ...taskRoutes,
      ...noticeRoutes,
      ...caseRoutes,
      ...reportRoutes,
      ...dashboardRoutes,
      ...instructionRoutes,
      ...bulletinRoutes,
      ...activityRoutes,
      ...trainingRoutes,
      ...contactRoutes,
      ...pairingRoutes,
      ...calendarRoutes,
      ...reminderRoutes,
      ...orgRoutes,
      ...securityRoutes,
      ...channelRoutes,
      ...auditRoutes,
      ...inboxRoutes,
      ...profileRoutes,
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
