// Sign-in and the first sign-in's set-up steps (features/auth), at the top level: outside the main layout.
import type { RouteRecordRaw } from 'vue-router';
import LoginView from '@/features/auth/views/LoginView.vue';

export const authRoutes: RouteRecordRaw[] = [
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
];
