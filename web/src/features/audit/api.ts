import { get, post, request, type Download, type Page } from '@/api/client';
import type { Answer, Body, Schemas } from '@/api/types';

export type AuditEvent = Schemas['AuditEvent'];
export type AuditFilter = Body<'exportAuditLog'>;
export type AuditVerification = Schemas['AuditVerification'];

// The Chinese names of codes, by code, from the server's one catalogue.
export type AuditLabels = Answer<'getAuditLabels'>;
export const getAuditLabels = () => get<AuditLabels>('/api/audit/labels');

export const listAuditEvents = (filter: AuditFilter, cursor?: string | null) =>
  get<Page<AuditEvent>>('/api/audit', { ...filter, cursor, limit: 50 });

export const verifyAuditChain = () => post<AuditVerification>('/api/audit/verify');

// The filtered log as .xlsx (at most 10,000 rows; the server answers 422 with what to do beyond that).
export const exportAuditLog = (filter: AuditFilter) =>
  request<Download>('POST', '/api/audit/export', { body: filter, download: true });
