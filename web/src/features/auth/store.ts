import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError } from '@/api/client';
import * as authApi from './api';
import type { Me } from './api';

// What the login flow still needs before the user may use the app.
export type PendingStep = 'totp' | 'enrol' | null;

export const useAuthStore = defineStore('auth', () => {
  const user = ref<Me | null>(null);
  const csrfToken = ref<string | null>(null);
  const pending = ref<PendingStep>(null);
  // True once we asked the server who we are (so the router guard asks only once per page load).
  const loaded = ref(false);

  // A session still waiting for its second factor is not signed in; the login page asks for the code.
  const signedIn = computed(() => user.value !== null);
  const permissions = computed(() => new Set(user.value?.permissions ?? []));
  const mustChangePassword = computed(() => user.value?.mustChangePassword === true);
  const needsEnrolment = computed(
    () => pending.value === 'enrol' || user.value?.pendingSetup === 'totp-enrolment',
  );

  function can(permission: string | undefined): boolean {
    return !permission || permissions.value.has(permission);
  }

  function setUser(me: Me, token?: string): void {
    user.value = me;
    csrfToken.value = token ?? me.csrfToken ?? csrfToken.value;
    pending.value = null;
    loaded.value = true;
  }

  function setPending(step: PendingStep, token: string): void {
    pending.value = step;
    csrfToken.value = token;
  }

  function clear(): void {
    user.value = null;
    csrfToken.value = null;
    pending.value = null;
    loaded.value = true;
  }

  async function refresh(): Promise<void> {
    try {
      const me = await authApi.fetchMe();
      if (me.pendingSetup === 'totp') {
        user.value = null;
        setPending('totp', me.csrfToken);
        loaded.value = true;
        return;
      }
      setUser(me);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        // A half-finished login (TOTP still to enter) keeps its pending step and token.
        user.value = null;
        loaded.value = true;
        return;
      }
      throw error;
    }
  }

  async function ensureLoaded(): Promise<void> {
    if (!loaded.value) await refresh();
  }

  async function signOut(): Promise<void> {
    try {
      await authApi.logout();
    } finally {
      clear();
    }
  }

  return {
    user,
    csrfToken,
    pending,
    loaded,
    signedIn,
    permissions,
    mustChangePassword,
    needsEnrolment,
    can,
    setUser,
    setPending,
    clear,
    refresh,
    ensureLoaded,
    signOut,
  };
});
