import { get, patch, post, put, request, newIdempotencyKey } from '@/api/client';
import type { Answer, Body } from '@/api/types';

// 干部培训 (server/modules/training), typed from the OpenAPI document.
export type TrainingPlanList = Answer<'listTrainingPlans'>;
export type TrainingPlan = Answer<'getTrainingPlan'>;
export type TrainingCourse = Answer<'getTrainingCourse'>;
export type CourseInput = Body<'addTrainingCourse'>;
export type PlanUpdate = Body<'updateTrainingPlan'>;
export type QrCode = Answer<'getTrainingSessionQr'>;
export type CheckInResult = Answer<'trainingCheckIn'>;
export type MyHours = Answer<'getMyTrainingHours'>;
export type UnitSummary = Answer<'getTrainingUnitSummary'>;
export type People = Answer<'listTrainingPeople'>;
export type TrainingSettings = Answer<'getTrainingSettings'>;

export const listPlans = (year?: number) =>
  get<TrainingPlanList>('/api/training/plans', year ? { year } : undefined);
export const getPlan = (id: number) => get<TrainingPlan>(`/api/training/plans/${id}`);
export const createPlan = (body: Body<'createTrainingPlan'>) =>
  post<TrainingPlan>('/api/training/plans', body, { idempotencyKey: newIdempotencyKey() });
export const addCourse = (planId: number, body: CourseInput) =>
  post<TrainingPlan>(`/api/training/plans/${planId}/courses`, body, { idempotencyKey: newIdempotencyKey() });
export const approvePlan = (id: number, version: number) =>
  post<TrainingPlan>(`/api/training/plans/${id}/approve`, undefined, { ifMatch: version });

export const updatePlan = (id: number, version: number, body: Body<'updateTrainingPlan'>) =>
  patch<TrainingPlan>(`/api/training/plans/${id}`, body, version);
export const updateCourse = (id: number, version: number, body: Body<'updateTrainingCourse'>) =>
  patch<TrainingCourse>(`/api/training/courses/${id}`, body, version);
// A course taken out of a draft plan: the plan as it now is.
export const deleteCourse = (id: number, version: number) =>
  request<TrainingPlan>('DELETE', `/api/training/courses/${id}`, { ifMatch: version });

export const getCourse = (id: number) => get<TrainingCourse>(`/api/training/courses/${id}`);
export const nominate = (courseId: number, body: Body<'nominateTrainee'>) =>
  post<TrainingCourse>(`/api/training/courses/${courseId}/nominations`, body, {
    idempotencyKey: newIdempotencyKey(),
  });
export const decide = (nominationId: number, version: number, body: Body<'decideTrainingNomination'>) =>
  post<TrainingCourse>(`/api/training/nominations/${nominationId}/decision`, body, { ifMatch: version });
export const closeCourse = (id: number, version: number) =>
  post<TrainingCourse>(`/api/training/courses/${id}/close`, undefined, { ifMatch: version });
export const sessionQr = (sessionId: number) => get<QrCode>(`/api/training/sessions/${sessionId}/qr`);
export const recordAttendance = (
  sessionId: number,
  version: number,
  body: Body<'recordTrainingAttendance'>,
) => put<TrainingCourse>(`/api/training/sessions/${sessionId}/attendance`, body, version);
export const checkIn = (sessionId: number, token: string) =>
  post<CheckInResult>('/api/training/check-in', { sessionId, token });

export const myHours = (year?: number) => get<MyHours>('/api/training/my-hours', year ? { year } : undefined);
export const unitSummary = (year: number, offset = 0) =>
  get<UnitSummary>('/api/training/units', { year, offset, limit: UNIT_PAGE });
// Units per page of 培训完成情况 (the server's default too).
export const UNIT_PAGE = 20;
export const listPeople = (query: { year: number; unitId?: number; short?: 'true'; offset?: number }) =>
  get<People>('/api/training/people', { ...query, limit: PEOPLE_PAGE });
// People per page of 参训人员学时 (the server's default too).
export const PEOPLE_PAGE = 50;

export const getSettings = () => get<TrainingSettings>('/api/training/settings');
export const saveSettings = (version: number, body: Body<'saveTrainingSettings'>) =>
  put<TrainingSettings>('/api/training/settings', body, version);

// A scanned sign-in sheet, uploaded first (the server checks its type by content and its size), then
// named when the session's attendance is saved.
export function uploadAttachment(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<{ id: number; fileName: string; size: number }>('POST', '/api/attachments', { form });
}
export const attachmentUrl = (id: number) => `/api/attachments/${id}`;
