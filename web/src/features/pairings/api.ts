import { get, patch, post, request, newIdempotencyKey, type Download } from '@/api/client';
import type { Answer, Body, QueryOf } from '@/api/types';

// 万企兴万村 结对台账 (server/modules/pairings), typed from the OpenAPI document. Money is 万元 as decimal text
// from end to end: the page shows what the server summed and never adds figures itself.
export type Pairing = Answer<'getPairing'>;
export type PairingRow = Answer<'listPairings'>['items'][number];
export type PairingCounts = Answer<'listPairings'>['counts'];
export type PairingStats = Answer<'getPairingStatistics'>;
export type PairingCreate = Body<'createPairing'>;
export type PairingEdit = Body<'updatePairing'>;
export type Progress = Body<'reportPairingProgress'>;
export type Enterprise = Answer<'listPairableEnterprises'>[number];
export type Place = Answer<'listPlaces'>[number];
export type PairingTotals = NonNullable<Answer<'getPlanItemPairingTotals'>['totals']>;
export type ProjectType = PairingRow['projectType'];
export type Stage = PairingRow['stage'];
export type Status = PairingRow['status'];

export const listPairings = (query: QueryOf<'listPairings'>) =>
  get<Answer<'listPairings'>>('/api/pairings', { ...query });
export const getPairing = (id: number) => get<Pairing>(`/api/pairings/${id}`);
export const createPairing = (body: PairingCreate, idempotencyKey = newIdempotencyKey()) =>
  post<Pairing>('/api/pairings', body, { idempotencyKey });
export const updatePairing = (id: number, version: number, body: PairingEdit) =>
  patch<Pairing>(`/api/pairings/${id}`, body, version);
export const reviewPairing = (id: number, version: number, body: Body<'reviewPairing'>) =>
  post<Pairing>(`/api/pairings/${id}/review`, body, { ifMatch: version });
export const reportProgress = (
  id: number,
  version: number,
  body: Progress,
  idempotencyKey = newIdempotencyKey(),
) => post<Pairing>(`/api/pairings/${id}/updates`, body, { ifMatch: version, idempotencyKey });
export const withdrawPairing = (id: number, version: number) =>
  request<void>('DELETE', `/api/pairings/${id}`, { ifMatch: version });
export const planItemPairingTotals = (itemId: number) =>
  get<Answer<'getPlanItemPairingTotals'>>(`/api/plan-items/${itemId}/pairing-totals`);
export const pairingStatistics = (query: QueryOf<'getPairingStatistics'>) =>
  get<PairingStats>('/api/pairings/statistics', { ...query });
export const exportLedger = (query: QueryOf<'exportPairings'>) =>
  request<Download>('GET', '/api/pairings/export.xlsx', { query: { ...query }, download: true });
export const pairableEnterprises = (q?: string) =>
  get<Enterprise[]>('/api/pairings/enterprises', q ? { q } : {});
export const placesUnder = (parent: string) => get<Place[]>('/api/villages', { parent });

export function uploadAttachment(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<{ id: number; fileName: string; size: number }>('POST', '/api/attachments', { form });
}
export const attachmentUrl = (id: number) => `/api/attachments/${id}`;

export const PROJECT_TYPE_LABELS: Record<ProjectType, string> = {
  industry: '产业帮扶',
  employment: '就业帮扶',
  consumption: '消费帮扶',
  charity: '公益帮扶',
  other: '其他',
};
export const STAGE_LABELS: Record<Stage, string> = {
  planned: '谋划中',
  ongoing: '实施中',
  completed: '已完成',
  stopped: '已终止',
};
export const STATUS_LABELS: Record<Status, string> = {
  submitted: '待审核',
  approved: '已通过',
  rejected: '已退回',
};
export const LEVEL_LABELS: Record<PairingStats['level'], string> = {
  province: '省',
  city: '市',
  county: '县（市、区）',
  township: '乡（镇、街道）',
  village: '村（社区）',
};
