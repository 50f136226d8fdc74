import { get, post, type Page } from '@/api/client';

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
}

export const listAuditEvents = (filter: AuditFilter, cursor?: string | null) =>
  get<Page<AuditEvent>>('/api/audit', { ...filter, cursor, limit: 50 });

export const verifyAuditChain = () => post<AuditVerification>('/api/audit/verify');
