import { get, patch, post, request, newIdempotencyKey, type Download } from '@/api/client';
import type { Answer, Body } from '@/api/types';

// 督办通报 (server/modules/bulletins), typed from the OpenAPI document.
export type BulletinList = Answer<'listBulletins'>;
export type BulletinSummary = BulletinList['items'][number];
export type Bulletin = Answer<'getBulletin'>;
export type BulletinEdit = Body<'updateBulletin'>;

export const listBulletins = () => get<BulletinList>('/api/bulletins');
export const getBulletin = (id: number) => get<Bulletin>(`/api/bulletins/${id}`);

export const createBulletin = (body: Body<'createBulletin'>, idempotencyKey = newIdempotencyKey()) =>
  post<Bulletin>('/api/bulletins', body, { idempotencyKey });

export const updateBulletin = (id: number, version: number, body: BulletinEdit) =>
  patch<Bulletin>(`/api/bulletins/${id}`, body, version);

export const issueBulletin = (id: number, version: number) =>
  post<Bulletin>(`/api/bulletins/${id}/issue`, undefined, { ifMatch: version });

export const sendBulletin = (id: number) =>
  post<Answer<'sendBulletin'>>(`/api/bulletins/${id}/send`, undefined, {
    idempotencyKey: newIdempotencyKey(),
  });

export const downloadBulletin = (id: number) =>
  request<Download>('GET', `/api/bulletins/${id}/docx`, { download: true });
