// The tasks API (任务分解), one typed function per route under /api/tasks. The types are the server's own
// (generated from the OpenAPI document, @/api/types), named here for the tasks screens.
import { get, patch, post, request, newIdempotencyKey, type Download } from '@/api/client';
import type { Answer, Body, QueryOf } from '@/api/types';

export type TaskList = Answer<'listTasks'>;
export type TaskSummary = TaskList['items'][number];
export type TaskCounts = TaskList['counts'];
export type TaskDetail = Answer<'getTask'>;
export type TaskStatus = TaskSummary['status'];
export type TaskHealth = TaskSummary['health'];
export type TaskSource = TaskSummary['source'];
export type TaskCycle = TaskSummary['cycle'];
export type HealthReason = TaskSummary['healthReasons'][number];
export type TaskEvent = Answer<'getTaskTimeline'>[number];
export type TaskTreeNode = Answer<'getTaskTree'>[number];
export type HealthChange = Answer<'getTaskHealthHistory'>[number];
export type TaskCreateBody = Body<'createTask'>;
export type TaskUpdateBody = Body<'updateTask'>;
export type MilestoneInput = NonNullable<TaskCreateBody['milestones']>[number];
export type IndicatorInput = NonNullable<TaskCreateBody['indicators']>[number];
export type AdjustmentBody = Body<'requestTaskAdjustment'>;
export type AdjustmentKind = AdjustmentBody['kind'];

export type TaskQuery = QueryOf<'listTasks'>;
// status and health are lists, sent comma-separated (the server reads them that way).
export const listTasks = ({ status, health, ...query }: TaskQuery = {}) =>
  get<TaskList>('/api/tasks', {
    ...query,
    status: Array.isArray(status) ? status.join(',') : undefined,
    health: Array.isArray(health) ? health.join(',') : undefined,
  });
export const getTask = (id: number) => get<TaskDetail>(`/api/tasks/${id}`);
export const getTimeline = (id: number) => get<TaskEvent[]>(`/api/tasks/${id}/timeline`);
export const getTree = (id: number) => get<TaskTreeNode[]>(`/api/tasks/${id}/tree`);
export const getHealthHistory = (id: number) => get<HealthChange[]>(`/api/tasks/${id}/health-history`);

export const createTask = (body: TaskCreateBody, idempotencyKey: string = newIdempotencyKey()) =>
  post<TaskDetail>('/api/tasks', body, { idempotencyKey });
export const updateTask = (id: number, version: number, body: TaskUpdateBody) =>
  patch<TaskDetail>(`/api/tasks/${id}`, body, version);

// Every step of a task's life sends the version it was shown (If-Match): a stale page answers 412.
const step = (id: number, path: string, version: number, body: object = {}) =>
  request<TaskDetail>('POST', `/api/tasks/${id}/${path}`, { body, ifMatch: version });
export const assignTask = (t: TaskDetail) => step(t.id, 'assign', t.version);
export const signTask = (t: TaskDetail) => step(t.id, 'sign', t.version);
export const requestCompletion = (t: TaskDetail, body: Body<'requestTaskCompletion'>) =>
  step(t.id, 'completion', t.version, body);
export const confirmCompletion = (t: TaskDetail) => step(t.id, 'completion/confirm', t.version);
export const returnCompletion = (t: TaskDetail, body: Body<'returnTaskCompletion'>) =>
  step(t.id, 'completion/return', t.version, body);
export const cancelTask = (t: TaskDetail, body: Body<'cancelTask'>) => step(t.id, 'cancel', t.version, body);
export const requestAdjustment = (t: TaskDetail, body: AdjustmentBody) =>
  step(t.id, 'adjustments', t.version, body);
export const decideAdjustment = (t: TaskDetail, adjustmentId: number, body: Body<'decideTaskAdjustment'>) =>
  step(t.id, `adjustments/${adjustmentId}/decision`, t.version, body);

// The Excel 任务分解表: template, export of the filtered list and the 进度台账 (files), and the import —
// a dry run answers the row-by-row report and the unit names to review; dryRun=false saves, all or nothing.
export type TaskImportReport = Answer<'importTaskSheet'>;
export type TaskExportQuery = QueryOf<'exportTaskSheet'>;
const exportQuery = ({ status, health, ...query }: TaskExportQuery) => ({
  ...query,
  status: Array.isArray(status) ? status.join(',') : undefined,
  health: Array.isArray(health) ? health.join(',') : undefined,
});
export const downloadTemplate = () =>
  request<Download>('GET', '/api/tasks/excel/template', { download: true });
export const exportTaskSheet = (query: TaskExportQuery) =>
  request<Download>('GET', '/api/tasks/excel/export', { query: exportQuery(query), download: true });
export const exportTaskLedger = (query: TaskExportQuery) =>
  request<Download>('GET', '/api/tasks/excel/ledger', { query: exportQuery(query), download: true });
export function importTaskSheet(
  planId: number,
  file: File,
  mapping: Record<string, number>,
  dryRun: boolean,
): Promise<TaskImportReport> {
  const form = new FormData();
  // mapping: the review's answers, a name in the file → the unit chosen for it.
  form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  return request<TaskImportReport>('POST', '/api/tasks/excel/import', {
    query: { planId, dryRun: dryRun ? 'true' : 'false' },
    form,
  });
}
