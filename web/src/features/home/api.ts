import { get } from '@/api/client';

// 工作台 · 待办 (GET /api/home/next-steps): what the signed-in person can do next.
export type NextStepKind =
  | 'import'
  | 'publish'
  | 'publish-revision'
  | 'align'
  | 'parent-plan'
  | 'coverage'
  | 'read-plan'
  | 'no-plan'
  | 'users'
  | 'security'
  | 'audit';

export interface NextStep {
  kind: NextStepKind;
  title: string;
  detail: string | null;
  planId: number | null;
}

export const getNextSteps = () => get<{ items: NextStep[] }>('/api/home/next-steps');
