import { get, patch, post, request, newIdempotencyKey } from '@/api/client';
import type { Answer, Body, QueryOf } from '@/api/types';

// 品牌活动 (server/modules/activities), typed from the OpenAPI document.
export type Brand = Answer<'getActivityBrand'>;
export type ActivityEvent = Answer<'getActivityEvent'>;
export type EventList = Answer<'listActivityEvents'>;
export type Outcome = ActivityEvent['outcomes'][number];
export type OutcomeList = Answer<'listActivityOutcomes'>;
export type TotalsAnswer = Answer<'getActivityTotals'>;
export type Totals = TotalsAnswer['totals'];
export type EventQuery = QueryOf<'listActivityEvents'>;
export type OutcomeQuery = QueryOf<'listActivityOutcomes'>;
export type TotalsQuery = QueryOf<'getActivityTotals'>;
export type EventState = ActivityEvent['state'];
export type OutcomeBody = Body<'createActivityOutcome'>;

export const STATE_LABELS: Record<EventState, string> = {
  planned: '计划中',
  preparing: '筹备中',
  held: '已举办',
  reviewed: '已复盘',
  closed: '已结束',
};

export const listBrands = () => get<Answer<'listActivityBrands'>>('/api/activity-brands');
export const getBrand = (id: number) => get<Brand>(`/api/activity-brands/${id}`);
export const createBrand = (body: Body<'createActivityBrand'>) =>
  post<Brand>('/api/activity-brands', body, { idempotencyKey: newIdempotencyKey() });

export const listEvents = (query: EventQuery) => get<EventList>('/api/activity-events', { ...query });
export const getEvent = (id: number) => get<ActivityEvent>(`/api/activity-events/${id}`);
export const createEvent = (body: Body<'createActivityEvent'>) =>
  post<ActivityEvent>('/api/activity-events', body, { idempotencyKey: newIdempotencyKey() });
export const transitionEvent = (id: number, version: number, body: Body<'transitionActivityEvent'>) =>
  post<ActivityEvent>(`/api/activity-events/${id}/transitions`, body, { ifMatch: version });
export const addChecklistItem = (id: number, version: number, body: Body<'addActivityChecklistItem'>) =>
  post<ActivityEvent>(`/api/activity-events/${id}/checklist`, body, { ifMatch: version });
export const setChecklistDone = (id: number, version: number, itemId: number, done: boolean) =>
  patch<ActivityEvent>(`/api/activity-events/${id}/checklist/${itemId}`, { done }, version);

export const createOutcome = (eventId: number, body: OutcomeBody) =>
  post<Outcome>(`/api/activity-events/${eventId}/outcomes`, body, { idempotencyKey: newIdempotencyKey() });
export const deleteOutcome = (id: number, version: number) =>
  request<void>('DELETE', `/api/activity-outcomes/${id}`, { ifMatch: version });
export const listOutcomes = (query: OutcomeQuery) => get<OutcomeList>('/api/activity-outcomes', { ...query });
export const getTotals = (query: TotalsQuery) => get<TotalsAnswer>('/api/activity-totals', { ...query });
