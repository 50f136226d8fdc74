import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { keyedBy, router, scopedRecord } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import { shanghaiDate } from '../tasks/index.ts';
import { bulletinDocx } from './bulletin.docx.ts';
import { bulletinResource } from './bulletin.policy.ts';
import {
  bulletinCreateBody,
  bulletinListSchema,
  bulletinParams,
  bulletinSchema,
  bulletinSendResult,
  bulletinUpdateBody,
} from './bulletin.schemas.ts';
import {
  generateBulletin,
  getBulletin,
  issueBulletin,
  listRegionBulletins,
  sectionsOf,
  sendBulletin,
  updateDraft,
} from './bulletin.service.ts';

const tags = ['督办通报'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const manage = { permission: 'work.manage', scope: 'data' } as const;
const manageOne = { ...manage, record: keyedBy(bulletinResource, 'id') } as const;
// Reading one: its region's staff and leaders, and the people of the units it was sent to.
const readOne = { ...manageOne, permission: 'work.read' } as const;
const noContent = z.strictObject({}).nullish();

/** 督办通报: a region's staff draft it from the record, edit, issue, download (.docx) and send it. */
export function bulletinRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/bulletins', {
    config: { access: manage },
    schema: {
      tags,
      operationId: 'listBulletins',
      summary: '本地区及以下的督办通报（草稿和已印发），新的在前',
      response: { 200: bulletinListSchema },
    },
    handler: (req) => listRegionBulletins(s, req.ctx),
  });

  r.post('/api/bulletins', {
    config: { access: { ...manage, idempotent: true } },
    schema: {
      tags,
      operationId: 'createBulletin',
      summary:
        '按月或按季度生成督办通报草稿：总体情况、本期办结、红灯、逾期、未报送单位、经验做法（支持 Idempotency-Key）',
      body: bulletinCreateBody,
      response: { 201: bulletinSchema },
    },
    handler: async (req, reply) => {
      const b = await generateBulletin(s, req.ctx, req.body);
      return withEtag(reply.code(201), b);
    },
  });

  r.get('/api/bulletins/:id', {
    config: { access: readOne },
    schema: {
      tags,
      operationId: 'getBulletin',
      summary: '督办通报：各节正文、数字和表格；ETag 为版本号。本地区工作人员、领导及收到通报的单位可看',
      params: bulletinParams,
      response: { 200: bulletinSchema },
    },
    handler: (req, reply) => withEtag(reply, getBulletin(scopedRecord(req, bulletinResource))),
  });

  r.patch('/api/bulletins/:id', {
    config: { access: manageOne },
    schema: {
      tags,
      operationId: 'updateBulletin',
      summary: '修改督办通报草稿的标题和各节正文（If-Match 版本号）；印发后不能修改',
      params: bulletinParams,
      body: bulletinUpdateBody,
      response: { 200: bulletinSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await updateDraft(s, req.ctx, scopedRecord(req, bulletinResource), requireIfMatch(req), req.body),
      ),
  });

  r.post('/api/bulletins/:id/issue', {
    config: { access: manageOne },
    schema: {
      tags,
      operationId: 'issueBulletin',
      summary: '印发督办通报（If-Match 版本号）：成文日期为今天，印发后不再修改',
      params: bulletinParams,
      body: noContent,
      response: { 200: bulletinSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await issueBulletin(s, req.ctx, scopedRecord(req, bulletinResource), requireIfMatch(req)),
      ),
  });

  r.post('/api/bulletins/:id/send', {
    config: { access: { ...manageOne, idempotent: true } },
    schema: {
      tags,
      operationId: 'sendBulletin',
      summary: '把已印发的督办通报发送到所涉单位的站内消息（支持 Idempotency-Key）',
      params: bulletinParams,
      body: noContent,
      response: { 200: bulletinSendResult },
    },
    handler: (req) => sendBulletin(s, req.ctx, scopedRecord(req, bulletinResource)),
  });

  r.get('/api/bulletins/:id/docx', {
    config: { access: readOne },
    schema: {
      tags,
      operationId: 'downloadBulletinDocx',
      summary: '下载督办通报（.docx，公文格式 GB/T 9704）；草稿的成文日期为今天',
      params: bulletinParams,
    },
    handler: async (req, reply) => {
      const row = scopedRecord(req, bulletinResource);
      const bytes = await bulletinDocx({
        title: row.title,
        issuer: row.issuer,
        date: row.issued_on ?? shanghaiDate(s.clock.now()),
        sections: sectionsOf(row),
      });
      const name = `${row.title}${row.status === 'draft' ? '（草稿）' : ''}.docx`;
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(bytes);
    },
  });
}
