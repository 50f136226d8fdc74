import type { RouteLocationRaw } from 'vue-router';
import type { Figure } from './api';

// Where a figure opens: the task list with exactly the query it was counted with, and `from` naming the
// figure (the list shows it above the rows and never sends it). Pure, so the page and its tests agree.
export function taskListLink(figure: Figure, from: string): RouteLocationRaw {
  return { name: 'tasks', query: { ...figure.query, from: `驾驶舱：${from}` } };
}

export function boardLink(figure: Figure): RouteLocationRaw {
  return { name: 'reports-missing', query: { ...figure.query } };
}

export const COLOURS = [
  ['red', '红灯'],
  ['yellow', '黄灯'],
  ['green', '绿灯'],
] as const;

// The colours of the charts: Element Plus's danger / warning / success, as the list's dots.
export const CHART_COLOURS = { red: '#f56c6c', yellow: '#e6a23c', green: '#67c23a' } as const;

/** A long heading cut for a chart's axis (the table beside it shows it whole). */
export const shortLabel = (s: string, max = 12) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A completion share as the grid colours it: darker with more done; grey with no task. */
export function completionShade(completion: number | null): string {
  if (completion === null) return 'var(--el-fill-color-light)';
  const steps = ['#fef0f0', '#fdf6ec', '#f0f9eb', '#e1f3d8', '#c2e7b0', '#95d475'];
  return steps[Math.min(steps.length - 1, Math.floor(completion / 20))]!;
}
