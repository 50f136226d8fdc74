import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import './styles.css';
import App from './App.vue';
import { router } from './router';
import { configureClient } from './api/client';
import { useAuthStore } from './features/auth/store';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(ElementPlus, { locale: zhCn });

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
