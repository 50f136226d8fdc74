// The progress reports API (进度填报), one typed function per route; the types are the server's own
// (generated from the OpenAPI document, @/api/types).
import { get, newIdempotencyKey, post, put, request } from '@/api/client';
import type { Answer, Body, QueryOf } from '@/api/types';

export type ReportSummary = Answer<'listTaskReports'>[number];
export type ReportDetail = Answer<'getReportDraft'>;
export type ReportStatus = ReportSummary['status'];
export type ReportContent = Body<'submitReport'>;
export type ReportFile = ReportDetail['attachments'][number];
export type Attachment = Answer<'uploadAttachment'>;
export type MissingBoard = Answer<'getMissingReports'>;
export type MissingQuery = QueryOf<'getMissingReports'>;
export type RemindResult = Answer<'remindMissingReports'>;

const base = (taskId: number, periodKey: string) =>
  `/api/tasks/${taskId}/reports/${encodeURIComponent(periodKey)}`;

export const listReports = (taskId: number) => get<ReportSummary[]>(`/api/tasks/${taskId}/reports`);
export const getReport = (taskId: number, periodKey: string) =>
  get<ReportDetail>(`${base(taskId, periodKey)}/draft`);

// Every write sends the version shown (If-Match): a stale form answers 412.
export const saveDraft = (taskId: number, r: ReportDetail, body: ReportContent) =>
  put<ReportDetail>(`${base(taskId, r.periodKey)}/draft`, body, r.version);
export const submitReport = (taskId: number, r: ReportDetail, body: ReportContent, idempotencyKey: string) =>
  request<ReportDetail>('POST', `${base(taskId, r.periodKey)}/submit`, {
    body,
    ifMatch: r.version,
    idempotencyKey,
  });
// If-Match is the unit's own part's version, 0 for its first.
export const saveContribution = (taskId: number, periodKey: string, version: number, text: string) =>
  put<ReportDetail>(`${base(taskId, periodKey)}/contribution`, { text }, version);
export const acceptReport = (taskId: number, r: ReportDetail) =>
  request<ReportDetail>('POST', `${base(taskId, r.periodKey)}/accept`, { body: {}, ifMatch: r.version });
export const returnReport = (taskId: number, r: ReportDetail, comment: string) =>
  request<ReportDetail>('POST', `${base(taskId, r.periodKey)}/return`, {
    body: { comment },
    ifMatch: r.version,
  });

export function uploadAttachment(file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<Attachment>('POST', '/api/attachments', { form });
}
export const attachmentUrl = (id: number) => `/api/attachments/${id}`;

export const getMissingBoard = (query: MissingQuery) =>
  get<MissingBoard>('/api/reports/missing', { ...query });
export const remindMissing = (
  body: Body<'remindMissingReports'>,
  idempotencyKey: string = newIdempotencyKey(),
) => post<RemindResult>('/api/reports/missing/remind', body, { idempotencyKey });
