import { z } from 'zod';
import { pageQuery } from '../../core/http/pagination.ts';

export const auditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorName: z.string().nullable(),
    action: z.string(),
    objectType: z.string().nullable(),
    objectId: z.string().nullable(),
    outcome: z.enum(['success', 'failure', 'denied']),
    ip: z.string().nullable(),
    detail: z.unknown(),
    // The same detail with Chinese labels, for people: sections (变更前, 变更后, 说明) of labelled fields.
    detailSections: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
      }),
    ),
  })
  .meta({ id: 'AuditEvent' });

// The Chinese names of what the log records as codes, by code (the audit page's filters and columns).
const labelMap = z.record(z.string(), z.string());
export const auditLabels = z.object({
  actions: labelMap.describe('操作（action）'),
  objects: labelMap.describe('对象类型（objectType）'),
  outcomes: labelMap.describe('结果（outcome）'),
});

const auditFilterQuery = {
  actor: z.string().max(64).optional(),
  action: z.string().max(80).optional(),
  objectType: z.string().max(40).optional(),
  objectId: z.string().max(80).optional(),
  // Any ISO 8601 offset; converted to the stored +08:00 form before comparing.
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

export const auditListQuery = z.strictObject({ ...auditFilterQuery, ...pageQuery });
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditExportQuery = z.strictObject(auditFilterQuery);
export type AuditExportQuery = z.infer<typeof auditExportQuery>;

export const chainVerdict = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    brokenAt: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
    checkpoint: z.object({ id: z.number().int(), at: z.string() }).nullable(),
    warning: z.string().nullable(),
  })
  .meta({ id: 'AuditVerification' });
