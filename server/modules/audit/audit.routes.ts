import type { FastifyInstance } from 'fastify';
import { pageSchema } from '../../core/http/pagination.ts';
import { noBody, router } from '../../core/http/route.ts';
import type { Services } from '../../core/services.ts';
import { auditEntry, auditExportQuery, auditLabels, auditListQuery, chainVerdict } from './audit.schemas.ts';
import { auditLabelCatalogue, exportAuditLog, listAuditEntries, verifyAuditLog } from './audit.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function auditRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const tags = ['审计'];

  r.get('/api/audit', {
    config: { access: { permission: 'audit.read', scope: 'global' } },
    schema: {
      operationId: 'listAuditEvents',
      tags,
      summary: '审计日志（最新在前）',
      querystring: auditListQuery,
      response: { 200: pageSchema(auditEntry) },
    },
    handler: (req) => listAuditEntries(s, req.query),
  });

  // The one list of action, object and outcome names (core/audit/audit.catalogue.ts): the page keeps no copy.
  r.get('/api/audit/labels', {
    config: { access: { permission: 'audit.read', scope: 'global' } },
    schema: {
      tags,
      operationId: 'getAuditLabels',
      summary: '审计日志中操作、对象类型和结果的中文名称',
      response: { 200: auditLabels },
    },
    handler: () => auditLabelCatalogue(),
  });

  r.post('/api/audit/verify', {
    config: { access: { permission: 'audit.read', scope: 'global' } },
    schema: {
      operationId: 'verifyAuditChain',
      tags,
      summary: '校验审计链（逐行核对密钥与哈希，并与最近的检查点比对）',
      body: noBody,
      response: { 200: chainVerdict },
    },
    handler: (req) => verifyAuditLog(s, req.ctx),
  });

  // POST, not GET: an export is recorded in the audit log, and a cross-site link must not trigger one.
  r.post('/api/audit/export', {
    config: { access: { permission: 'audit.read', scope: 'global' } },
    schema: {
      operationId: 'exportAuditLog',
      tags,
      summary: '按筛选条件导出审计日志（.xlsx，最多 10000 条；导出本身记入审计日志）',
      body: auditExportQuery,
      produces: [XLSX],
    },
    handler: async (req, reply) => {
      const file = await exportAuditLog(s, req.ctx, req.body);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  });
}
