import { defineStore } from 'pinia';
import { ref } from 'vue';
import { getUnreadCount } from './api';

// How often the header asks for the unread count while the tab is visible. Live updates (server-sent
// events, the supervision issue) will call `set` as messages arrive; polling then becomes the fallback.
const POLL_MS = 60_000;

// The unread count shown in the header (站内消息), kept by whoever learns it: the poll, the inbox
// list (its answer carries the count) and every mark-read answer.
export const useInboxStore = defineStore('inbox', () => {
  const unread = ref(0);
  let timer: number | undefined;
  let inFlight: Promise<void> | null = null;

  function set(count: number): void {
    unread.value = count;
  }

  function refresh(): Promise<void> {
    inFlight ??= getUnreadCount()
      .then((r) => set(r.count))
      .catch(() => {
        // A missed poll is harmless: the next one (or the inbox page) corrects the count.
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  function onVisibility(): void {
    if (document.visibilityState === 'visible') void refresh();
  }

  // Polls while signed in; a hidden tab does not poll, and asks again as soon as it is shown.
  function start(): void {
    if (timer !== undefined) return;
    void refresh();
    timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, POLL_MS);
    document.addEventListener('visibilitychange', onVisibility);
  }

  function stop(): void {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
    document.removeEventListener('visibilitychange', onVisibility);
    unread.value = 0;
  }

  return { unread, set, refresh, start, stop };
});
