import { get, put, request } from '@/api/client';
import type { Answer, Body } from '@/api/types';

// 节假日安排 (server/modules/calendar): one calendar for the deployment, typed from the OpenAPI document.
export type CalendarYear = Answer<'getCalendarYear'>;
export type CalendarDay = CalendarYear['days'][number];
export type DayCorrection = Body<'correctCalendarDay'>;

export const getCalendarYear = (year: number) => get<CalendarYear>('/api/calendar', { year });

export const correctCalendarDay = (version: number, body: DayCorrection) =>
  put<CalendarYear>('/api/calendar/days', body, version);

export const restoreCalendarDay = (day: string, version: number) =>
  request<CalendarYear>('DELETE', '/api/calendar/days', { query: { day }, ifMatch: version });
