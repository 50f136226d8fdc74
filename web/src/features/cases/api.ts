// The cases API (议政建言、民主监督、政企沟通、基层诉求), one typed function per route. Types are the server's
// own (generated from the OpenAPI document, @/api/types), an action's body among them: one form per
// action, told apart by `action` (server/modules/cases/engine/action-bodies.ts).
import { get, newIdempotencyKey, post, put, request, type Download } from '@/api/client';
import type { Answer, Body, QueryOf } from '@/api/types';

export type CaseList = Answer<'listCases'>;
export type CaseSummary = CaseList['items'][number];
export type CaseDetail = Answer<'getCase'>;
export type CaseQuery = QueryOf<'listCases'>;
export type CaseType = CaseSummary['type'];
export type CaseState = CaseSummary['state'];
export type CaseActionName = CaseDetail['actions'][number]['value'];
export type CaseActionBody = Body<'takeCaseAction'>;
export type CaseCreateBody = Body<'createCase'>;
export type CaseUpdateBody = Body<'updateCaseDraft'>;
export type CaseVocabulary = Answer<'getCaseVocabulary'>;
export type CaseEvent = CaseDetail['timeline'][number];
export type LinkedTask = NonNullable<CaseDetail['task']>;
export type CosignerCandidate = Answer<'listCosignerCandidates'>[number];
export type CaseStats = Answer<'getCaseStatistics'>;
export type CaseStatsQuery = QueryOf<'getCaseStatistics'>;
export type CaseStatsBreakdown = Answer<'getCaseStatisticsBreakdown'>;
type CaseStatsBreakdownQuery = QueryOf<'getCaseStatisticsBreakdown'>;

export type SimilarCase = Answer<'similarCases'>['items'][number];
export type ImportedDraft = Answer<'importProposalDocx'>;

const CASE_TYPES: CaseType[] = ['proposal', 'oversight', 'appeal', 'grassroots'];
export const isCaseType = (v: unknown): v is CaseType => CASE_TYPES.includes(v as CaseType);

export const getVocabulary = () => get<CaseVocabulary>('/api/cases/vocabulary');
export const listCases = (query: CaseQuery = {}) => get<CaseList>('/api/cases', query);
export const getCase = (id: number) => get<CaseDetail>(`/api/cases/${id}`);
export const createCase = (body: CaseCreateBody, idempotencyKey = newIdempotencyKey()) =>
  post<CaseDetail>('/api/cases', body, { idempotencyKey });
export const updateDraft = (c: CaseDetail, body: CaseUpdateBody) =>
  put<CaseDetail>(`/api/cases/${c.id}`, body, c.version);

// Every action sends the version the page showed (If-Match): a stale page answers 412 and reloads.
export const takeAction = (c: CaseDetail, body: CaseActionBody) =>
  request<CaseDetail>('POST', `/api/cases/${c.id}/actions`, { body, ifMatch: c.version });

// Who a submitter may invite to co-sign (submitter accounts, by part of a name or organisation, at most 50).
export const listCosignerCandidates = (q?: string) =>
  get<CosignerCandidate[]>('/api/cases/cosigner-candidates', { q });

export const getCaseStatistics = (query: CaseStatsQuery) => get<CaseStats>('/api/cases/statistics', query);
// One breakdown (提交单位 / 承办单位) in full, a page at a time: the statistics answer names only the largest.
export const getCaseStatisticsBreakdown = (query: CaseStatsBreakdownQuery) =>
  get<CaseStatsBreakdown>('/api/cases/statistics/breakdown', query);
export const exportCaseStatistics = (query: CaseStatsQuery) =>
  request<Download>('GET', '/api/cases/statistics.xlsx', { query, download: true });

// Earlier proposals most like this one (staff, at review time); only proposals indexed at submission.
export const similarCases = (id: number) =>
  get<Answer<'similarCases'>>(`/api/cases/${id}/similar`).then((a) => a.items);

// A proposal's parts read from a .docx; nothing is saved, the form is filled and the user saves.
export function importDocx(file: File): Promise<ImportedDraft> {
  const form = new FormData();
  form.append('file', file);
  return request<ImportedDraft>('POST', '/api/cases/import-docx', { form });
}
