// What the task dialog opens with: an existing task to edit, or what a new one starts from.
import type { TaskDetail, TaskSource } from './api';

export interface TaskDialogInit {
  // Editing this task; otherwise a new one.
  task?: TaskDetail;
  planItemId?: number;
  planItemLabel?: string;
  // 分解: the new task is a child of this one.
  parent?: { id: number; title: string };
  title?: string;
  leadUnit?: { id: number; name: string } | null;
  // The plan item's suggested lead unit when no unit of that exact name was found: asked, never guessed.
  leadHint?: string | null;
  source?: TaskSource;
}
