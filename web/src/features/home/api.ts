import { get } from '@/api/client';
import type { Answer } from '@/api/types';

// 工作台 · 待办 (GET /api/home/next-steps): what the signed-in person can do next.
export type NextStep = Answer<'listNextSteps'>['items'][number];

export const getNextSteps = () => get<Answer<'listNextSteps'>>('/api/home/next-steps');
