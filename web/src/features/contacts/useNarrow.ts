import { onBeforeUnmount, ref } from 'vue';

// Whether the window is phone-narrow (600 px, the width the other pages switch layout at), kept current
// as the window is resized or turned, so the page swaps its table for cards without a reload.
export function useNarrow() {
  const query = window.matchMedia('(max-width: 600px)');
  const narrow = ref(query.matches);
  const update = (e: MediaQueryListEvent) => (narrow.value = e.matches);
  query.addEventListener('change', update);
  onBeforeUnmount(() => query.removeEventListener('change', update));
  return narrow;
}
