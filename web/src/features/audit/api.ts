import { get, post, request, type Download, type Page } from '@/api/client';
import type { Body, Schemas } from '@/api/types';

export type AuditEvent = Schemas['AuditEvent'];
type AuditOutcome = AuditEvent['outcome'];
// The detail with Chinese labels, as the server words it (变更前 / 变更后 / 说明).
type AuditDetailSection = AuditEvent['detailSections'][number];
export type AuditFilter = Body<'exportAuditLog'>;
export type AuditVerification = Schemas['AuditVerification'];

// The Chinese names of codes, by code, from the server's one catalogue.
export interface AuditLabels {
  actions: Record<string, string>;
  objects: Record<string, string>;
  outcomes: Record<string, string>;
}
export const getAuditLabels = () => get<AuditLabels>('/api/audit/labels');

export const listAuditEvents = (filter: AuditFilter, cursor?: string | null) =>
  get<Page<AuditEvent>>('/api/audit', { ...filter, cursor, limit: 50 });

export const verifyAuditChain = () => post<AuditVerification>('/api/audit/verify');

// The filtered log as .xlsx (at most 10,000 rows; the server answers 422 with what to do beyond that).
export const exportAuditLog = (filter: AuditFilter) =>
  request<Download>('POST', '/api/audit/export', { body: filter, download: true });
