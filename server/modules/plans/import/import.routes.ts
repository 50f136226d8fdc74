import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, appError } from '../../../core/errors.ts';
import { perUser } from '../../../core/http/rate-limit.ts';
import { router } from '../../../core/http/route.ts';
import { readUploadedFile } from '../../../core/http/upload.ts';
import { requireIfMatch, withEtag } from '../../../core/http/versioning.ts';
import type { Services } from '../../../core/services.ts';
import {
  previewBody,
  previewSchema,
  unitKeywordsBody,
  unitKeywordsQuery,
  unitKeywordsSchema,
} from './import.schemas.ts';
import { PREVIEWS_PER_MINUTE } from './import.limits.ts';
import type { ImportSource } from './import.parse.ts';
import { ParsePool } from './import.pool.ts';
import { loadUnitKeywords, previewSource, saveUnitKeywords } from './import.service.ts';

const tags = ['工作要点'];

type PreviewBody = z.infer<typeof previewBody>;

// The source of a preview request: JSON { text } (checked by the route schema) or an uploaded .txt/.docx
// file (multipart, field name free).
async function previewInput(req: FastifyRequest, body: PreviewBody): Promise<ImportSource> {
  if (!req.isMultipart()) {
    if (body && 'text' in body) return { kind: 'text', text: body.text };
    throw appError('BAD_REQUEST', '请粘贴文本（JSON { text }）或上传一个 .txt 或 .docx 文件');
  }
  const file = await readUploadedFile(req);
  if (!file) throw appError('BAD_REQUEST', '请上传一个 .txt 或 .docx 文件');
  return { kind: 'file', bytes: file.bytes, filename: file.filename };
}

/** Import: preview a source text or file, and the keyword → unit map the preview uses. */
export function importRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const pool = new ParsePool();
  app.addHook('onClose', () => pool.close());

  r.post('/api/plans/preview', {
    config: {
      access: { permission: 'work.manage', scope: 'none' },
      rateLimit: perUser(PREVIEWS_PER_MINUTE),
    },
    schema: {
      operationId: 'previewPlan',
      tags,
      summary:
        '导入预览：JSON { text } 或 multipart 上传 .txt（UTF-8/GB18030）/.docx 文件（≤10 MB）→ { text, outline }；不支持的类型或损坏文件 400，上传过大 413，解压后内容、文字（≤20 万字）或条目数（≤2000）超限、解析超时 422，每人每分钟 20 次',
      consumes: ['application/json', 'multipart/form-data'],
      body: previewBody,
      response: { 200: previewSchema },
    },
    handler: async (req) => {
      try {
        return await previewSource(s, req.ctx, pool, await previewInput(req, req.body));
      } catch (error) {
        // A reader's own words (zip internals, XML paths) stay in the cause, for this log only.
        if (error instanceof AppError && error.cause !== undefined)
          req.log.warn({ err: error.cause, code: error.code, details: error.details }, 'unreadable upload');
        throw error;
      }
    },
  });

  r.get('/api/plans/unit-keywords', {
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      operationId: 'getUnitKeywords',
      tags,
      summary:
        '关键词 → 单位对照表（用于建议牵头单位）：默认为本人所在地区；本地区未设置时沿用最近上级的（source 为其来源，null 为内置表）；ETag 为本地区自己的版本号，未保存过时为 0',
      querystring: unitKeywordsQuery,
      response: { 200: unitKeywordsSchema },
    },
    handler: async (req, reply) => withEtag(reply, await loadUnitKeywords(s, req.ctx, req.query.regionCode)),
  });

  r.put('/api/plans/unit-keywords', {
    config: { access: { permission: 'work.manage', scope: 'data' } },
    schema: {
      operationId: 'saveUnitKeywords',
      tags,
      summary:
        '保存本人所在地区的关键词 → 单位对照表（If-Match 本地区的版本号，首次为 "0"）；不能修改其他地区的',
      body: unitKeywordsBody,
      response: { 200: unitKeywordsSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await saveUnitKeywords(s, req.ctx, requireIfMatch(req), req.body.keywords)),
  });
}
