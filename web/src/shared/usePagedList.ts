import { ref, type Ref } from 'vue';
import type { Page } from '@/api/client';
import { showError } from './notify';

// A cursor-paged list: `reload` fetches the first page (filters are read by `fetchPage` when called),
// `loadMore` appends the next one. A failed load shows `failure` (or the server's message) and keeps
// the rows already shown.
export function usePagedList<T extends { id: unknown }>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  failure: string,
) {
  const rows = ref([]) as Ref<T[]>;
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const loadingMore = ref(false);

  async function load(cursor: string | null): Promise<void> {
    const busy = cursor ? loadingMore : loading;
    busy.value = true;
    try {
      const page = await fetchPage(cursor);
      rows.value = cursor ? [...rows.value, ...page.items] : page.items;
      nextCursor.value = page.nextCursor;
    } catch (error) {
      showError(error, failure);
    } finally {
      busy.value = false;
    }
  }

  // Both ignore their arguments, so they can be bound straight to events (@change, @click).
  const reload = (): Promise<void> => load(null);
  const loadMore = (): Promise<void> => (nextCursor.value ? load(nextCursor.value) : Promise.resolve());

  // Puts a saved row in place of the one with its id, or at the top when it is new.
  function upsert(item: T): void {
    const i = rows.value.findIndex((row) => row.id === item.id);
    if (i >= 0) rows.value.splice(i, 1, item);
    else rows.value.unshift(item);
  }

  return { rows, nextCursor, loading, loadingMore, reload, loadMore, upsert };
}
