import { ElMessage } from 'element-plus';
import { ApiError } from '@/api/client';

// Shows the server's own message (Chinese) for an API error, or a generic one.
export function showError(error: unknown, fallback = '操作失败，请稍后再试'): void {
  if (error instanceof ApiError) {
    ElMessage.error({ message: error.message || fallback, grouping: true });
    return;
  }
  console.error(error);
  ElMessage.error({ message: fallback, grouping: true });
}

export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 412 || error.code === 'VERSION_CONFLICT');
}

// For a stale write: say so and let the caller reload.
export function showConflict(): void {
  ElMessage.warning({ message: '数据已被他人修改，已为您重新加载，请核对后再操作', grouping: true });
}
