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
  description?: string;
  leadUnit?: { id: number; name: string } | null;
  // The plan item's suggested lead unit when the server could not resolve it to one unit: asked, never
  // guessed; its candidates are offered first.
  leadHint?: string | null;
  leadCandidates?: { id: number; name: string }[];
  // How the suggested lead unit was resolved (全称/简称/关键词), said under the field.
  leadNote?: string | null;
  source?: TaskSource;
}
