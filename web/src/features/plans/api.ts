// The plans API (工作要点), one typed function per route under /api/plans. The types are the server's
// own (generated from the OpenAPI document, @/api/types), named here for the plans screens.
import { get, patch, post, put, request, newIdempotencyKey, type Page } from '@/api/client';
import type { Answer, Body, QueryOf, Schemas } from '@/api/types';

export type PlanStatus = Schemas['PlanStatus'];
// One node of an outline as the parser produces it and as the editor sends it back; `id` keeps an
// existing item (and its alignment).
export type OutlineNode = Schemas['OutlineNodeInput'];
export type PlanWarning = Schemas['PlanWarningInput'];
export type PlanSummary = Schemas['PlanSummary'];
export type PlanItem = Schemas['PlanItem'];
export type PlanDetail = Schemas['PlanDetail'];
export type PlanNotice = Schemas['PlanNotice'];
export type PlanVersion = Schemas['PlanVersion'];
export type PlanVersionDetail = Schemas['PlanVersionDetail'];
export type ItemRef = Schemas['ItemRef'];
export type PlanItemDetail = Schemas['PlanItemDetail'];
export type PreviewResult = Schemas['PlanPreview'];
export type UnitKeywords = Schemas['UnitKeywords'];
export type UnitKeyword = UnitKeywords['keywords'][number];

// 对比
export type DiffSegment = Schemas['DiffSegment'];
export type CompareResult = Schemas['PlanComparison'];
export type CompareEntry = CompareResult['entries'][number];

// 对应关系
export type AlignmentSuggestion = Answer<'listAlignmentSuggestions'>['items'][number];
export type AlignmentResult = Schemas['ItemAlignment'];

// 覆盖情况
export type CoverageResult = Schemas['PlanCoverage'];
export type CoverageRow = CoverageResult['items'][number];
export type CoverageOfItem = Schemas['ItemCoverage'];

// 全文检索
export type SearchResult = Schemas['SearchResult'];
export type SearchHit = SearchResult['items'][number];

// 工作要点
export type PlanQuery = QueryOf<'listPlans'>;
export const listPlans = (query: PlanQuery = {}) => get<Page<PlanSummary>>('/api/plans', { ...query });
export const getPlan = (id: number) => get<PlanDetail>(`/api/plans/${id}`);

export const previewText = (text: string) => post<PreviewResult>('/api/plans/preview', { text });
export function previewFile(file: File): Promise<PreviewResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<PreviewResult>('POST', '/api/plans/preview', { form });
}

export type PlanCreateBody = Body<'createPlan'>;
export const createPlan = (body: PlanCreateBody, idempotencyKey: string = newIdempotencyKey()) =>
  post<PlanDetail>('/api/plans', body, { idempotencyKey });

export const updateOutline = (id: number, version: number, body: Body<'updatePlanOutline'>) =>
  put<PlanDetail>(`/api/plans/${id}/outline`, body, version);

export const getPlanItem = (id: number, itemId: number) =>
  get<PlanItemDetail>(`/api/plans/${id}/items/${itemId}`);
export const updatePlanItem = (id: number, itemId: number, version: number, body: Body<'updatePlanItem'>) =>
  patch<PlanDetail>(`/api/plans/${id}/items/${itemId}`, body, version);

export const publishPlan = (id: number, version: number) =>
  request<PlanDetail>('POST', `/api/plans/${id}/publish`, { ifMatch: version });

// Newest first; keyset-paged.
export const listVersions = (id: number, cursor?: string | null) =>
  get<Answer<'listPlanVersions'>>(`/api/plans/${id}/versions`, {
    cursor,
    limit: 50,
  });
export const restoreVersion = (id: number, no: number, version: number) =>
  request<PlanDetail>('POST', `/api/plans/${id}/versions/${no}/restore`, { ifMatch: version });

// 单位关键词
export const getUnitKeywords = () => get<UnitKeywords>('/api/plans/unit-keywords');
export const saveUnitKeywords = (version: number, keywords: UnitKeyword[]) =>
  put<UnitKeywords>('/api/plans/unit-keywords', { keywords }, version);

// 对比、对应、覆盖、检索
export const comparePlans = (left: number, right: number) =>
  get<CompareResult>('/api/plans/compare', { left, right });
export const getAlignmentSuggestions = (id: number, itemId: number) =>
  get<Answer<'listAlignmentSuggestions'>>(`/api/plans/${id}/items/${itemId}/alignment-suggestions`);
// targetItemId null removes the alignment. If-Match is the plan's version (the change makes a new one).
export const setAlignment = (id: number, itemId: number, version: number, targetItemId: number | null) =>
  put<AlignmentResult>(`/api/plans/${id}/items/${itemId}/alignment`, { targetItemId }, version);
export const getCoverage = (id: number) => get<CoverageResult>(`/api/plans/${id}/coverage`);
export const getCoverageOfItem = (id: number, itemId: number, regionCode?: string) =>
  get<CoverageOfItem>(`/api/plans/${id}/coverage/${itemId}`, { regionCode });
export const searchPlans = (q: string, cursor?: string | null) =>
  get<SearchResult>('/api/plans/search', { q, cursor, limit: 20 });

// 修订、撤回、废止、历史版本
export const startRevision = (id: number, version: number) =>
  request<PlanDetail>('POST', `/api/plans/${id}/revision`, { ifMatch: version });
export const getRevisionChanges = (id: number) =>
  get<Schemas['RevisionChanges']>(`/api/plans/${id}/revision-changes`);
export const discardRevision = (id: number, version: number) =>
  request<void>('DELETE', `/api/plans/${id}`, { ifMatch: version });
export const endPlan = (id: number, how: 'withdraw' | 'repeal', version: number, reason: string) =>
  request<PlanDetail>('POST', `/api/plans/${id}/${how}`, { ifMatch: version, body: { reason } });
export const getVersion = (id: number, no: number) =>
  get<PlanVersionDetail>(`/api/plans/${id}/versions/${no}`);
export const compareVersion = (id: number, no: number) =>
  get<Schemas['VersionComparison']>(`/api/plans/${id}/versions/${no}/compare`);

// 建议任务: an item's proposed tasks with the suggested lead unit resolved by the server (全称 → 简称 →
// 关键词对照表); an unresolved one comes with its candidates, for the person to choose.
export type TaskSuggestion = Schemas['TaskSuggestion'];
export const getTaskSuggestions = (itemId: number) =>
  get<Answer<'listTaskSuggestions'>>(`/api/plan-items/${itemId}/task-suggestions`);
