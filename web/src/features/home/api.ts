import { get } from '@/api/client';
import type { Answer } from '@/api/types';

// 工作台 · 待办 (GET /api/home/next-steps): what the signed-in person can do next.
export type NextStep = Answer<'listNextSteps'>['items'][number];

export const getNextSteps = () => get<Answer<'listNextSteps'>>('/api/home/next-steps');

// 工作台 · 任务 (GET /api/home/tasks): the figures of the reader's role, each with the task-list query
// that shows its tasks, and (leaders, staff) this year's colours by plan section and by region.
export type TaskFigures = Answer<'getTaskFigures'>;
export type TaskFigure = TaskFigures['figures'][number];
export type ColourRow = TaskFigures['bySection'][number];

export const getTaskFigures = () => get<TaskFigures>('/api/home/tasks');

// 未报送 (staff): the not-yet-reported board's totals, the very numbers the board shows.
export type MissingBoardTotals = Answer<'getMissingReports'>['totals'];
export const getMissingTotals = async (): Promise<MissingBoardTotals> =>
  (await get<Answer<'getMissingReports'>>('/api/reports/missing')).totals;
