import type { RouteLocationRaw } from 'vue-router';

// A 工作台 tile that is not a task figure (未报送, 未读消息): its own count and where it leads.
export interface ExtraTile {
  key: string;
  label: string;
  count: number;
  to: RouteLocationRaw;
  // Placed after the figure with this key (else at the end).
  after?: string;
}
