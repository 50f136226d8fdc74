import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { keyedBy, router, scopedRecord } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import { pairingResource } from './pairing.policy.ts';
import { reportProgress, reviewPairing } from './pairing.review.ts';
import {
  enterpriseOptions,
  exportQuery,
  idParams,
  pairingCreateBody,
  pairingDetailSchema,
  pairingListQuery,
  pairingPage,
  pairingUpdateBody,
  progressBody,
  reviewBody,
  statsQuery,
  statsSchema,
} from './pairing.schemas.ts';
import {
  createPairing,
  listPairingsInScope,
  pairableEnterprises,
  pairingDetail,
  updatePairingById,
} from './pairing.service.ts';
import { withdrawPairing } from './pairing.withdraw.ts';
import { exportLedger } from './stats/pairing.excel.ts';
import { pairingStatistics } from './stats/pairing.stats.ts';

const tags = ['万企兴万村'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Reading: staff and leaders (region subtree), a 工商联's people (its member enterprises). Entering and
// correcting: the 工商联's people or staff (the service tells them apart); reviewing: staff.
const read = { permission: 'work.read', scope: 'data' } as const;
const one = { ...read, record: keyedBy(pairingResource, 'id') } as const;

/** 万企兴万村 结对台账: list, enter, correct, review, progress, statistics and the .xlsx ledger. */
export function pairingRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/pairings', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listPairings',
      summary:
        '结对台账（可见范围内）：按年度、审核状态、项目类型、地区（省市县乡代码前缀）、企业筛选，附各状态数量',
      querystring: pairingListQuery,
      response: { 200: pairingPage },
    },
    handler: (req) => listPairingsInScope(s, req.ctx, req.query),
  });

  r.get('/api/pairings/enterprises', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listPairableEnterprises',
      summary: '可登记结对的企业：工作人员为本地区及以下、工商联联系人为本会会员企业；附联系人姓名',
      querystring: z.strictObject({ q: z.string().trim().max(100).optional() }),
      response: { 200: enterpriseOptions },
    },
    handler: (req) => pairableEnterprises(s, req.ctx, req.query.q || undefined),
  });

  r.post('/api/pairings', {
    config: { access: { ...read, idempotent: true } },
    schema: {
      tags,
      operationId: 'createPairing',
      summary:
        '登记结对项目（企业所属工商联的联系人或工作人员）：同一企业、同一村、同一年度的同类项目只登记一次；登记后待审核（支持 Idempotency-Key）',
      body: pairingCreateBody,
      response: { 201: pairingDetailSchema },
    },
    handler: async (req, reply) => withEtag(reply.code(201), await createPairing(s, req.ctx, req.body)),
  });

  r.get('/api/pairings/statistics', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'getPairingStatistics',
      summary:
        '结对统计（已审核通过的项目）：某年度按地区逐级下钻（省→市→县→乡→村）和按项目类型的项目数、投入资金、带动人数、就业人数、增收',
      querystring: statsQuery,
      response: { 200: statsSchema },
    },
    handler: (req) => pairingStatistics(s, req.ctx, req.query),
  });

  r.get('/api/pairings/export.xlsx', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'exportPairings',
      summary: '导出结对台账（.xlsx，全国台账格式，末行合计精确到分）',
      querystring: exportQuery,
    },
    handler: async (req, reply) => {
      const { buffer, name } = await exportLedger(s, req.ctx, req.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
        .send(buffer);
    },
  });

  r.get('/api/pairings/:id', {
    config: { access: one },
    schema: {
      tags,
      operationId: 'getPairing',
      summary: '结对项目：登记内容、审核结果、历次进展和佐证材料；ETag 为版本号',
      params: idParams,
      response: { 200: pairingDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await pairingDetail(s, req.ctx, scopedRecord(req, pairingResource))),
  });

  r.patch('/api/pairings/:id', {
    config: { access: one },
    schema: {
      tags,
      operationId: 'updatePairing',
      summary: '修改待审核或被退回的结对项目（If-Match 版本号），修改后重新待审核',
      params: idParams,
      body: pairingUpdateBody,
      response: { 200: pairingDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await updatePairingById(
          s,
          req.ctx,
          scopedRecord(req, pairingResource),
          requireIfMatch(req),
          req.body,
        ),
      ),
  });

  r.delete('/api/pairings/:id', {
    config: { access: one },
    schema: {
      tags,
      operationId: 'withdrawPairing',
      summary: '登记人撤回尚未审核通过（待审核或被退回）的结对项目（If-Match 版本号）；审核通过后不能撤回',
      params: idParams,
    },
    handler: async (req, reply) => {
      await withdrawPairing(s, req.ctx, scopedRecord(req, pairingResource), requireIfMatch(req));
      return reply.status(204).send();
    },
  });

  r.post('/api/pairings/:id/review', {
    config: { access: { ...one, permission: 'work.manage' } },
    schema: {
      tags,
      operationId: 'reviewPairing',
      summary: '审核结对项目（本地区工作人员，If-Match 版本号）：通过，或写明理由退回',
      params: idParams,
      body: reviewBody,
      response: { 200: pairingDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await reviewPairing(s, req.ctx, scopedRecord(req, pairingResource), requireIfMatch(req), req.body),
      ),
  });

  r.post('/api/pairings/:id/updates', {
    config: { access: { ...one, idempotent: true } },
    schema: {
      tags,
      operationId: 'reportPairingProgress',
      summary: '报送结对项目进展（审核通过后；累计数字和佐证材料，If-Match 版本号，支持 Idempotency-Key）',
      params: idParams,
      body: progressBody,
      response: { 201: pairingDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply.code(201),
        await reportProgress(s, req.ctx, scopedRecord(req, pairingResource), requireIfMatch(req), req.body),
      ),
  });
}
