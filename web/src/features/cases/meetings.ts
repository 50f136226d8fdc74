// 政企座谈会 (GET/POST /api/case-meetings…), typed from the server's OpenAPI answers.
import { get, newIdempotencyKey, post } from '@/api/client';
import type { Answer, Body } from '@/api/types';

export type MeetingSummary = Answer<'listCaseMeetings'>[number];
export type MeetingDetail = Answer<'getCaseMeeting'>;
export type MeetingCreateBody = Body<'createCaseMeeting'>;

export const listMeetings = () => get<MeetingSummary[]>('/api/case-meetings');
export const getMeeting = (id: number) => get<MeetingDetail>(`/api/case-meetings/${id}`);
export const createMeeting = (body: MeetingCreateBody, idempotencyKey = newIdempotencyKey()) =>
  post<MeetingDetail>('/api/case-meetings', body, { idempotencyKey });
