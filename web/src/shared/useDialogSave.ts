import { ref, type Ref } from 'vue';
import { isVersionConflict, showConflict, showError } from './notify';

// The save step of an edit dialog: `save(action)` runs the write with `saving` set. On a stale write
// (412 VERSION_CONFLICT) it says so, closes the dialog and calls `onStale` so the page reloads; any other
// error shows the server's message or `failure` and leaves the dialog open; field problems of a 400 go
// on their fields instead when `fields` places them all (useFieldErrors).
export function useDialogSave(
  visible: Ref<boolean>,
  onStale: () => void,
  failure = '保存失败',
  fields?: { show: (error: unknown) => boolean },
) {
  const saving = ref(false);

  async function save(action: () => Promise<void>): Promise<void> {
    saving.value = true;
    try {
      await action();
    } catch (error) {
      if (isVersionConflict(error)) {
        showConflict();
        visible.value = false;
        onStale();
      } else if (!fields?.show(error)) showError(error, failure);
    } finally {
      saving.value = false;
    }
  }

  return { saving, save };
}
