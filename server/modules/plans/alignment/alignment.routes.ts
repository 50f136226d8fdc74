import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { keyedBy, router } from '../../../core/http/route.ts';
import { requireIfMatch, setEtag } from '../../../core/http/versioning.ts';
import type { Services } from '../../../core/services.ts';
import { planResource } from '../plan.policy.ts';
import { itemParams, planIdParam } from '../plan.schemas.ts';
import {
  alignmentBody,
  alignmentSchema,
  compareQuery,
  compareSchema,
  coverageItemSchema,
  coverageSchema,
  suggestionsSchema,
} from './alignment.schemas.ts';
import { planCoverage, planCoverageOfItem } from './alignment.coverage.ts';
import { comparePlans, setItemAlignment, suggestAlignment } from './alignment.service.ts';

const tags = ['工作要点'];
const read = { permission: 'work.read', scope: 'data' } as const;
const manage = { permission: 'work.manage', scope: 'data' } as const;
// Routes keyed by a plan id: the access plugin loads the plan in scope first.
const readPlan = { ...read, record: keyedBy(planResource, 'id') };
const managePlan = { ...manage, record: keyedBy(planResource, 'id') };

/** Compare two plans item by item. */
export function compareRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/plans/compare', {
    config: { access: read },
    schema: {
      operationId: 'comparePlans',
      tags,
      summary: '逐条比较两份工作要点（按文本相似度一一匹配）：相同、修改（附词级差异）、新增、删除、移动',
      querystring: compareQuery,
      response: { 200: compareSchema },
    },
    handler: (req) => comparePlans(s, req.ctx, req.query.left, req.query.right),
  });
}

/** Alignment suggestions, confirming an item's alignment, and the coverage matrix. */
export function alignmentRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/plans/:id/items/:itemId/alignment-suggestions', {
    config: { access: readPlan },
    schema: {
      operationId: 'listAlignmentSuggestions',
      tags,
      summary: '对应建议：上一级地区同年度已发布工作要点中最相似的条目（附相似度）',
      params: itemParams,
      response: { 200: suggestionsSchema },
    },
    handler: (req) => suggestAlignment(s, req.ctx, req.params.id, req.params.itemId),
  });

  r.put('/api/plans/:id/items/:itemId/alignment', {
    config: { access: managePlan },
    schema: {
      operationId: 'setItemAlignment',
      tags,
      summary:
        '确认条目对应的上级条目（须为上一级地区已发布工作要点中的条目；If-Match 工作要点版本号）；targetItemId 为 null 时取消对应；生成新版本，ETag 为新版本号',
      params: itemParams,
      body: alignmentBody,
      response: { 200: alignmentSchema },
    },
    handler: async (req, reply) => {
      const ids = { planId: req.params.id, itemId: req.params.itemId };
      const result = await setItemAlignment(s, req.ctx, ids, requireIfMatch(req), req.body.targetItemId);
      setEtag(reply, result.planVersion);
      return result;
    },
  });

  r.get('/api/plans/:id/coverage', {
    config: { access: readPlan },
    schema: {
      operationId: 'getPlanCoverage',
      tags,
      summary: '落实覆盖矩阵：每个条目 × 每个下级地区（按市分组）的对应条目数（含经市级转对应），及合计',
      params: planIdParam,
      response: { 200: coverageSchema },
    },
    handler: (req) => planCoverage(s, req.ctx, req.params.id),
  });

  r.get('/api/plans/:id/coverage/:itemId', {
    config: { access: readPlan },
    schema: {
      operationId: 'getItemCoverage',
      tags,
      summary: '覆盖明细：对应到该条目的下级条目（可按地区筛选，含其下级）',
      params: itemParams,
      querystring: z.strictObject({
        regionCode: z
          .string()
          .regex(/^\d{6}$/)
          .optional(),
      }),
      response: { 200: coverageItemSchema },
    },
    handler: (req) => planCoverageOfItem(s, req.ctx, req.params.id, req.params.itemId, req.query.regionCode),
  });
}
