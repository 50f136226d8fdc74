import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appError } from '../../../core/errors.ts';
import { perUser } from '../../../core/http/rate-limit.ts';
import { keyedBy, router, scopedRecord } from '../../../core/http/route.ts';
import { readUploadedFile } from '../../../core/http/upload.ts';
import type { Services } from '../../../core/services.ts';
import { caseResource } from '../case.policy.ts';
import { caseIdParam } from '../case.schemas.ts';
import { readProposalDocx } from '../text/proposal-docx.ts';
import { similarToCase } from '../text/similar.service.ts';

const tags = ['事项'];
// A .docx is read on the request thread (bounded to about 0.5 s): a few per person per minute.
const IMPORTS_PER_MINUTE = 20;

const similarQuery = z.strictObject({ top: z.coerce.number().int().min(1).max(50).default(10) });
const similarSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      year: z.number().int(),
      state: z.string(),
      regionName: z.string(),
      submitterOrgName: z.string(),
      submittedAt: z.string().nullable(),
      score: z.number().describe('文字相似度，0–1'),
    }),
  ),
});
const draftSchema = z.object({
  title: z.string(),
  situation: z.string(),
  analysis: z.string(),
  suggestions: z.string(),
  warnings: z.array(z.string()).describe('需要起草人核对的地方（未识别出的部分、标题）'),
});

/** Proposals' text: similar earlier proposals at review, and a draft read from .docx. */
export function caseTextRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/cases/:id/similar', {
    config: { access: { permission: 'work.manage', scope: 'data', record: keyedBy(caseResource, 'id') } },
    schema: {
      tags,
      operationId: 'similarCases',
      summary:
        '相似的提案（统战部审查时）：本地区及下级较早提交的提案中文字最相近的，附相似度（0–1）；并案用事项操作 merge',
      params: caseIdParam,
      querystring: similarQuery,
      response: { 200: similarSchema },
    },
    handler: (req) => similarToCase(s, req.ctx, scopedRecord(req, caseResource), req.query.top),
  });

  r.post('/api/cases/import-docx', {
    config: {
      access: { permission: 'work.read', scope: 'none' },
      rateLimit: perUser(IMPORTS_PER_MINUTE),
    },
    schema: {
      tags,
      operationId: 'importProposalDocx',
      summary:
        '从 Word（.docx，≤10 MB）读取提案草稿：标题、情况、分析、建议（按“一、基本情况”“二、原因分析”“三、对策建议”等标题识别），不保存；未识别出各部分时全文放入“情况”并提示。非 .docx、空文件或损坏 400，内容超限 422，每人每分钟 20 次',
      consumes: ['multipart/form-data'],
      response: { 200: draftSchema },
    },
    handler: async (req) => {
      if (!req.isMultipart()) throw appError('BAD_REQUEST', '请上传提案的 Word（.docx）文件');
      const file = await readUploadedFile(req);
      if (!file) throw appError('BAD_REQUEST', '请上传提案的 Word（.docx）文件');
      return readProposalDocx(file.bytes);
    },
  });
}
