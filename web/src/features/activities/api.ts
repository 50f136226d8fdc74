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
export type OutcomeUpdate = Body<'updateActivityOutcome'>;
export type EventUpdate = Body<'updateActivityEvent'>;
export type Participant = ActivityEvent['participants'][number];
export type ImportResult = Answer<'importActivityBrands'>;
export type Attachment = Answer<'uploadAttachment'>;

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
export const importBrands = (planId: number) =>
  post<ImportResult>('/api/activity-brands/import', { planId }, { idempotencyKey: newIdempotencyKey() });

export const listEvents = (query: EventQuery) => get<EventList>('/api/activity-events', { ...query });
export const getEvent = (id: number) => get<ActivityEvent>(`/api/activity-events/${id}`);
export const createEvent = (body: Body<'createActivityEvent'>) =>
  post<ActivityEvent>('/api/activity-events', body, { idempotencyKey: newIdempotencyKey() });
export const updateEvent = (id: number, version: number, body: EventUpdate) =>
  patch<ActivityEvent>(`/api/activity-events/${id}`, body, version);
export const transitionEvent = (id: number, version: number, body: Body<'transitionActivityEvent'>) =>
  post<ActivityEvent>(`/api/activity-events/${id}/transitions`, body, { ifMatch: version });
export const addChecklistItem = (id: number, version: number, body: Body<'addActivityChecklistItem'>) =>
  post<ActivityEvent>(`/api/activity-events/${id}/checklist`, body, { ifMatch: version });
export const setChecklistDone = (id: number, version: number, itemId: number, done: boolean) =>
  patch<ActivityEvent>(`/api/activity-events/${id}/checklist/${itemId}`, { done }, version);

export const createOutcome = (eventId: number, body: OutcomeBody) =>
  post<Outcome>(`/api/activity-events/${eventId}/outcomes`, body, { idempotencyKey: newIdempotencyKey() });
export const updateOutcome = (id: number, version: number, body: OutcomeUpdate) =>
  patch<Outcome>(`/api/activity-outcomes/${id}`, body, version);
export const deleteOutcome = (id: number, version: number) =>
  request<void>('DELETE', `/api/activity-outcomes/${id}`, { ifMatch: version });
export const listOutcomes = (query: OutcomeQuery) => get<OutcomeList>('/api/activity-outcomes', { ...query });
export const getTotals = (query: TotalsQuery) => get<TotalsAnswer>('/api/activity-totals', { ...query });

// Evidence files (modules/attachments): uploaded first (type checked by content, size-limited), then
// named in the event's change, which attaches them; read back in the event's scope.
export function uploadAttachment(file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<Attachment>('POST', '/api/attachments', { form });
}
export const attachmentUrl = (id: number) => `/api/attachments/${id}`;
// A file taken off the event (its version moves; the timeline and the audit log name the file).
export const removeEventAttachment = (eventId: number, version: number, attachmentId: number) =>
  request<ActivityEvent>('DELETE', `/api/activity-events/${eventId}/attachments/${attachmentId}`, {
    ifMatch: version,
  });

export const PARTICIPANT_KINDS: Record<Participant['kind'], string> = {
  unit: '单位',
  party: '民主党派',
  enterprise: '企业',
  association: '社团协会',
  other: '其他',
};
export const PROJECT_STATUS_LABELS: Record<NonNullable<Outcome['status']>, string> = {
  signed: '已签约',
  started: '已开工',
  producing: '已投产',
  stalled: '停滞',
  cancelled: '已终止',
};
export const FOLLOWUP_LABELS = { start: '开工', production: '投产', funding: '资金到位' } as const;
