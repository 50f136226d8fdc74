import type { FastifyInstance } from 'fastify';
import { appError } from '../../core/errors.ts';
import { ALLOWED_DESCRIPTION } from '../../core/files/evidence-types.ts';
import { perUser } from '../../core/http/rate-limit.ts';
import { keyedBy, router, scopedRecord } from '../../core/http/route.ts';
import { openUploadedFile } from '../../core/http/upload.ts';
import type { Services } from '../../core/services.ts';
import { attachmentIdParam, attachmentSchema, uploadForm } from './attachment.schemas.ts';
import { attachmentResource, formatBytes, uploadAttachment } from './attachment.service.ts';
import { contentDisposition } from './file-name.ts';

const tags = ['附件'];
const UPLOADS_PER_MINUTE = 60;

/** Evidence files: upload one, download one (scope: the uploader's, or its owner record's). */
export function attachmentRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const maxBytes = s.config.attachments.maxBytes;

  r.post('/api/attachments', {
    // Any business reader may attach evidence to what they work on; the file stays theirs alone until
    // a record takes it. Not idempotent by key: the form has no body to hash, and a retried upload of
    // the same bytes is stored once (an extra unattached row is harmless).
    config: { access: { permission: 'work.read', scope: 'self' }, rateLimit: perUser(UPLOADS_PER_MINUTE) },
    schema: {
      operationId: 'uploadAttachment',
      tags,
      summary: `上传一个证据附件（multipart，≤${formatBytes(maxBytes)}）：按内容检测类型，允许 ${ALLOWED_DESCRIPTION}；相同内容只存一份（按 SM3）；过大 413，类型不允许 415；返回的附件在 ${s.config.attachments.attachWithinHours} 小时内可由本人用于填报等记录`,
      consumes: ['multipart/form-data'],
      body: uploadForm,
      response: { 201: attachmentSchema },
    },
    handler: async (req, reply) => {
      if (!req.isMultipart())
        throw appError('ATTACHMENT_MISSING', '请以 multipart/form-data 表单上传一个文件');
      const upload = await openUploadedFile(req, maxBytes);
      if (!upload) throw appError('ATTACHMENT_MISSING');
      try {
        return reply.status(201).send(await uploadAttachment(s, req.ctx, upload));
      } catch (error) {
        if (!req.raw.readableEnded) {
          // Refused before the body ended (past the size limit): read no more of it, and close the
          // connection after the answer rather than draining what the client still sends.
          req.raw.unpipe();
          reply.header('connection', 'close');
        }
        throw upload.bodyError(error) ?? error;
      }
    },
  });

  r.get('/api/attachments/:id', {
    config: { access: { permission: 'work.read', scope: 'data', record: keyedBy(attachmentResource, 'id') } },
    // Stored formats are compressed already (PDF, images, zip-based Office) or not worth it.
    compress: false,
    schema: {
      operationId: 'downloadAttachment',
      tags,
      summary: '下载附件：未使用的附件仅上传人可下载；已用于某条记录的，能查看该记录的人可下载；否则 404',
      params: attachmentIdParam,
    },
    handler: async (req, reply) => {
      const row = scopedRecord(req, attachmentResource);
      const stream = await s.files.open(row.hash);
      if (!stream) throw appError('ATTACHMENT_NOT_FOUND', '附件的文件内容缺失，请联系系统管理员');
      return (
        reply
          .header('content-type', row.mime)
          .header('content-length', String(row.size))
          .header('content-disposition', contentDisposition(row.file_name))
          .header('x-content-type-options', 'nosniff')
          // Opened directly (a new tab), the file is never a page that runs in the app's origin.
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store')
          .send(stream)
      );
    },
  });
}
