import { defineStore } from 'pinia';
import { ref } from 'vue';
import { getUnreadCount } from './api';

// The unread count shown in the header (站内消息), kept by whoever learns it: the live stream
// (GET /api/inbox/stream, server-sent events), the inbox list (its answer carries the count) and every
// mark-read answer. While the stream is down (a proxy that drops it, a server restart), a poll stands in.
const POLL_MS = 60_000;

export const useInboxStore = defineStore('inbox', () => {
  const unread = ref(0);
  // The newest message the stream has announced (null before its first event): the inbox page reloads
  // when it grows.
  const latestId = ref<number | null>(null);
  let timer: number | undefined;
  let inFlight: Promise<void> | null = null;
  let source: EventSource | null = null;

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

  const live = () => source?.readyState === EventSource.OPEN;

  function onVisibility(): void {
    if (document.visibilityState === 'visible' && !live()) void refresh();
  }

  // The browser reconnects a dropped stream by itself (the server asks for 5 s); the server ends it for
  // good ('end') when the session is over, and the next request then leads to the sign-in page.
  function connect(): void {
    if (typeof EventSource === 'undefined') return;
    source = new EventSource('/api/inbox/stream');
    source.addEventListener('inbox', (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { unread: number; latestId: number };
      set(data.unread);
      latestId.value = data.latestId;
    });
    source.addEventListener('end', () => disconnect());
  }

  function disconnect(): void {
    source?.close();
    source = null;
  }

  function start(): void {
    if (timer !== undefined) return;
    void refresh();
    connect();
    timer = window.setInterval(() => {
      if (document.visibilityState === 'visible' && !live()) void refresh();
    }, POLL_MS);
    document.addEventListener('visibilitychange', onVisibility);
  }

  function stop(): void {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
    disconnect();
    document.removeEventListener('visibilitychange', onVisibility);
    unread.value = 0;
    latestId.value = null;
  }

  return { unread, latestId, set, refresh, start, stop };
});
