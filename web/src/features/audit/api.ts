import { get, post, request, type Download, type Page } from '@/api/client';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEvent {
  id: string | number;
  at: string;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  detail: unknown;
  // The detail with Chinese labels, as the server words it (变更前 / 变更后 / 说明).
  detailSections: AuditDetailSection[];
}

export interface AuditDetailSection {
  key: string;
  label: string;
  fields: { key: string; label: string; value: string }[];
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  brokenAt: { id: string | number; reason: string } | null;
  // The latest checkpoint the end of the chain was held against (null when none was found).
  checkpoint: { id: number; at: string } | null;
  warning: string | null;
}

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
