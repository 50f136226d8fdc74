import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { appError } from '../../../core/errors.ts';
import { router } from '../../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../../core/http/versioning.ts';
import type { Services } from '../../../core/services.ts';
import { previewBody, previewSchema, unitKeywordsBody, unitKeywordsSchema } from './import.schemas.ts';
import { loadUnitKeywords, previewText, saveUnitKeywords, textOfUpload } from './import.service.ts';
import { PlanSourceError } from './import.source.ts';

const tags = ['工作要点'];

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

/** Import: preview a source text or file, and the keyword → unit map the preview uses. */
export function importRoutes(app: FastifyInstance, s: Services) {
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
}
