// The supervision notices API (督办单), one typed function per route. Types are the server's own
// (generated from the OpenAPI document, @/api/types).
import { get, post, request, newIdempotencyKey } from '@/api/client';
import type { Answer, Body, QueryOf } from '@/api/types';

export type NoticeList = Answer<'listNotices'>;
export type NoticeSummary = NoticeList['items'][number];
export type NoticeDetail = Answer<'getNotice'>;
export type NoticeLevel = NoticeSummary['level'];
export type NoticeStatus = NoticeSummary['status'];
export type NoticeColour = NoticeSummary['colour'];
export type NoticeRating = NonNullable<NoticeDetail['rating']>;
export type NoticeQuery = QueryOf<'listNotices'>;
export type NoticeIssueBody = Body<'issueNotice'>;
export type DueDates = Answer<'getNoticeDueDates'>;

export const listNotices = (query: NoticeQuery = {}) => get<NoticeList>('/api/notices', query);
export const getNotice = (id: number) => get<NoticeDetail>(`/api/notices/${id}`);
export const listTaskNotices = (taskId: number) => get<NoticeSummary[]>(`/api/tasks/${taskId}/notices`);
export const getDueDates = () => get<DueDates>('/api/notices/due-dates');
export const issueNotice = (taskId: number, body: NoticeIssueBody, idempotencyKey = newIdempotencyKey()) =>
  post<NoticeDetail>(`/api/tasks/${taskId}/notices`, body, { idempotencyKey });

// Every step sends the version it was shown (If-Match): a stale page answers 412.
const step = (n: NoticeDetail, path: string, body: object = {}) =>
  request<NoticeDetail>('POST', `/api/notices/${n.id}/${path}`, { body, ifMatch: n.version });
export const signNotice = (n: NoticeDetail) => step(n, 'sign');
export const respondNotice = (n: NoticeDetail, body: Body<'respondNotice'>) => step(n, 'respond', body);
export const completeNotice = (n: NoticeDetail, body: Body<'completeNotice'>) => step(n, 'complete', body);
export const acceptNotice = (n: NoticeDetail) => step(n, 'accept');
export const returnNotice = (n: NoticeDetail, body: Body<'returnNotice'>) => step(n, 'return', body);
export const closeNotice = (n: NoticeDetail, body: Body<'closeNotice'>) => step(n, 'close', body);
export const requestDelist = (n: NoticeDetail, body: Body<'requestNoticeDelist'>) =>
  step(n, 'delist-request', body);
export const approveDelist = (n: NoticeDetail) => step(n, 'delist-approve');
export const withdrawNotice = (n: NoticeDetail, body: Body<'withdrawNotice'>) => step(n, 'withdraw', body);
export const refuseDelist = (n: NoticeDetail, body: Body<'refuseNoticeDelist'>) =>
  step(n, 'delist-refuse', body);
