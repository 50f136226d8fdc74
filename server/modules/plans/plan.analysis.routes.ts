import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appError } from '../../core/errors.ts';
import { router } from '../../core/http/route.ts';
import { requireIfMatch, setEtag, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import {
  alignmentBody,
  alignmentSchema,
  compareQuery,
  compareSchema,
  coverageItemSchema,
  coverageSchema,
  previewSchema,
  searchQuery,
  searchSchema,
  suggestionsSchema,
} from './plan.analysis.schemas.ts';
import { comparePlans, setItemAlignment, suggestAlignment } from './plan.alignment.ts';
import { planCoverage, planCoverageOfItem } from './plan.coverage.ts';
import { loadUnitKeywords, saveUnitKeywords } from './plan.keywords.ts';
import { previewText, textOfUpload } from './plan.preview.ts';
import { PlanSourceError } from './plan.source.ts';
import {
  itemParams,
  planIdParam,
  previewBody,
  unitKeywordsBody,
  unitKeywordsSchema,
} from './plan.schemas.ts';
import { searchPlanItems } from './plan.search.ts';
import { z } from 'zod';

const tags = ['工作要点'];
const read = { permission: 'work.read', scope: 'data' } as const;
const manage = { permission: 'work.manage', scope: 'data' } as const;

type PreviewBody = z.infer<typeof previewBody>;

// The text of a preview request: JSON { text } (checked by the route schema) or an uploaded .txt/.docx
// file (multipart, field name free). A file's reader error keeps its cause for this log only.
async function previewSource(req: FastifyRequest, body: PreviewBody): Promise<string> {
  if (!req.isMultipart()) {
    if (body && 'text' in body) return body.text;
    throw appError('BAD_REQUEST', '请粘贴文本（JSON { text }）或上传一个 .txt 或 .docx 文件');
  }
  const file = await req.file();
  if (!file) throw appError('BAD_REQUEST', '请上传一个 .txt 或 .docx 文件');
  try {
    return await textOfUpload(await file.toBuffer(), file.filename);
  } catch (error) {
    if (error instanceof PlanSourceError && error.cause !== undefined)
      req.log.warn(
        { err: error.cause, filename: file.filename, problem: error.problem },
        'unreadable upload',
      );
    throw error;
  }
}

/** Preview, keyword map, compare, alignment, coverage and search. */
export function planAnalysisRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.post('/api/plans/preview', {
    config: { access: { permission: 'work.manage', scope: 'none' } },
    schema: {
      tags,
      summary:
        '导入预览：JSON { text } 或 multipart 上传 .txt（UTF-8/GB18030）/.docx 文件（≤10 MB）→ { text, outline }；不支持的类型或损坏文件 400，过大 413',
      consumes: ['application/json', 'multipart/form-data'],
      body: previewBody,
      response: { 200: previewSchema },
    },
    handler: async (req) => previewText(s, await previewSource(req, req.body)),
  });

  r.get('/api/plans/unit-keywords', {
    config: { access: { permission: 'work.read', scope: 'global' } },
    schema: {
      tags,
      summary: '关键词 → 单位对照表（用于建议牵头单位）；ETag 为版本号，未保存过时为 0',
      response: { 200: unitKeywordsSchema },
    },
    handler: async (_req, reply) => withEtag(reply, await loadUnitKeywords(s.db.kysely)),
  });

  r.put('/api/plans/unit-keywords', {
    config: { access: { permission: 'work.manage', scope: 'global' } },
    schema: {
      tags,
      summary: '保存关键词 → 单位对照表（If-Match 版本号，首次为 "0"）',
      body: unitKeywordsBody,
      response: { 200: unitKeywordsSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await saveUnitKeywords(s, req.ctx, requireIfMatch(req), req.body.keywords)),
  });

  r.get('/api/plans/compare', {
    config: { access: read },
    schema: {
      tags,
      summary: '逐条比较两份工作要点（按文本相似度一一匹配）：相同、修改（附词级差异）、新增、删除、移动',
      querystring: compareQuery,
      response: { 200: compareSchema },
    },
    handler: (req) => comparePlans(s, req.ctx, req.query.left, req.query.right),
  });

  r.get('/api/plans/search', {
    config: { access: read },
    schema: {
      tags,
      summary: '按中文分词检索可见范围内的工作要点条目，结果附高亮片段',
      querystring: searchQuery,
      response: { 200: searchSchema },
    },
    handler: (req) => searchPlanItems(s, req.ctx, req.query),
  });

  r.get('/api/plans/:id/items/:itemId/alignment-suggestions', {
    config: { access: read },
    schema: {
      tags,
      summary: '对应建议：上一级地区同年度已发布工作要点中最相似的条目（附相似度）',
      params: itemParams,
      response: { 200: suggestionsSchema },
    },
    handler: (req) => suggestAlignment(s, req.ctx, req.params.id, req.params.itemId),
  });

  r.put('/api/plans/:id/items/:itemId/alignment', {
    config: { access: manage },
    schema: {
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
    config: { access: read },
    schema: {
      tags,
      summary: '落实覆盖矩阵：每个条目 × 每个下级地区（按市分组）的对应条目数（含经市级转对应），及合计',
      params: planIdParam,
      response: { 200: coverageSchema },
    },
    handler: (req) => planCoverage(s, req.ctx, req.params.id),
  });

  r.get('/api/plans/:id/coverage/:itemId', {
    config: { access: read },
    schema: {
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
