import type { FastifyInstance } from 'fastify';
import { pageSchema } from '../../core/http/pagination.ts';
import { noBody, router } from '../../core/http/route.ts';
import type { Services } from '../../core/services.ts';
import { auditEntry, auditListQuery, chainVerdict } from './audit.schemas.ts';
import { listAuditEntries, verifyAuditLog } from './audit.service.ts';

export function auditRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const tags = ['审计'];

  r.get('/api/audit', {
    config: { access: { permission: 'audit.read', scope: 'global' } },
    schema: {
      tags,
      summary: '审计日志（最新在前）',
      querystring: auditListQuery,
      response: { 200: pageSchema(auditEntry) },
    },
    handler: (req) => listAuditEntries(s, req.query),
  });

  r.post('/api/audit/verify', {
    config: { access: { permission: 'audit.read', scope: 'global' } },
    schema: {
      tags,
      summary: '校验审计链（逐行核对密钥与哈希，并与最近的检查点比对）',
      body: noBody,
      response: { 200: chainVerdict },
    },
    handler: (req) => verifyAuditLog(s, req.ctx),
  });
}
