// A write on a task refused because someone changed it since the page was shown (412): say so plainly.
import { ElMessage } from 'element-plus';
import { isVersionConflict, showError } from '@/shared/notify';

const STALE_MESSAGE = '已被他人修改，请刷新';

/** Shows the error; answers true when it was a stale version (the caller reloads the task). */
export function showTaskError(error: unknown, fallback: string): boolean {
  if (isVersionConflict(error)) {
    ElMessage.warning({ message: STALE_MESSAGE, grouping: true });
    return true;
  }
  showError(error, fallback);
  return false;
}
