import { get } from '@/api/client';
import type { Answer, QueryOf } from '@/api/types';

// 领导驾驶舱 (GET /api/dashboard): a region's year at a glance; every figure carries the list query that
// shows what it counts.
export type Dashboard = Answer<'getDashboard'>;
export type BreakdownRow = Dashboard['overall'];
export type Figure = BreakdownRow['total'];
export type DashboardQuery = QueryOf<'getDashboard'>;

export const getDashboard = (query: DashboardQuery) => get<Dashboard>('/api/dashboard', { ...query });
