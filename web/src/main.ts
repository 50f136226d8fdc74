import './polyfills';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { provideGlobalConfig } from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
// Element Plus components bring their own CSS where a template uses them; these are the base styles
// and the services called from scripts (toasts, confirm boxes), which no template names.
import 'element-plus/theme-chalk/base.css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import './styles.css';
import App from './App.vue';
import { router } from './router';
import { configureClient } from './api/client';
import { useAuthStore } from './features/auth/store';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
// Chinese texts for every Element Plus component, also those rendered outside the app tree (ElMessageBox).
provideGlobalConfig({ locale: zhCn }, app, true);

const auth = useAuthStore(pinia);
configureClient({
  csrfToken: () => auth.csrfToken,
  onUnauthenticated: () => {
    if (!auth.signedIn) return;
    auth.clear();
    const current = router.currentRoute.value;
    void router.push({ name: 'login', query: current.meta.public ? {} : { redirect: current.fullPath } });
  },
  onPasswordChangeRequired: () => {
    void auth.refresh().then(() => router.push({ name: 'setup-password' }));
  },
});

app.use(router);
void router.isReady().then(() => app.mount('#app'));
