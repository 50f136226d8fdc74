import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listAuditRows } from '../../core/audit/audit.repository.ts';
import { verifyAuditChain } from '../../core/audit/audit.service.ts';
import { toTimestamp } from '../../core/clock.ts';
import { decodeCursor, pageOf, pageQuery, pageSchema } from '../../core/http/pagination.ts';
import { noBody, router } from '../../core/http/route.ts';
import type { Services } from '../../core/services.ts';
import type { AuditRow } from '../../db/schema.ts';

const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  ip: z.string().nullable(),
  detail: z.unknown(),
});

function auditRowToEntry(row: AuditRow) {
  return {
    id: row.id,
    at: row.at,
    actorName: row.actor_name,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    outcome: row.outcome,
    ip: row.ip,
    detail: row.detail ? (JSON.parse(row.detail) as unknown) : null,
  };
}

export function auditRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const tags = ['审计'];

  r.get('/api/audit', {
    config: { access: { permission: 'audit.read', scope: 'global' } },
    schema: {
      tags,
      summary: '审计日志（最新在前）',
      querystring: z.strictObject({
        actor: z.string().max(64).optional(),
        action: z.string().max(80).optional(),
        objectType: z.string().max(40).optional(),
        objectId: z.string().max(80).optional(),
        // Any ISO 8601 offset; converted to the stored +08:00 form before comparing.
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
        ...pageQuery,
      }),
      response: { 200: pageSchema(auditEntry) },
    },
    handler: async (req) => {
      const { cursor, limit, from, to, ...filter } = req.query;
      const rows = await listAuditRows(s.db.kysely, {
        ...filter,
        from: from === undefined ? undefined : toTimestamp(new Date(from)),
        to: to === undefined ? undefined : toTimestamp(new Date(to)),
        beforeId: decodeCursor<number>(cursor, 'number'),
        limit: limit + 1,
      });
      return pageOf(rows, limit, (row) => row.id, auditRowToEntry);
    },
  });

  r.post('/api/audit/verify', {
    config: { access: { permission: 'audit.read', scope: 'global' } },
    schema: {
      tags,
      summary: '校验审计哈希链',
      body: noBody,
      response: {
        200: z.object({
          ok: z.boolean(),
          checked: z.number().int(),
          brokenAt: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
        }),
      },
    },
    handler: async (req) => {
      const verdict = await verifyAuditChain(s.db.kysely);
      await s.audit.recordAlone(req.ctx, {
        action: 'audit.verify',
        outcome: verdict.ok ? 'success' : 'failure',
        note: { checked: verdict.checked, brokenAt: verdict.brokenAt },
      });
      return verdict;
    },
  });
}
