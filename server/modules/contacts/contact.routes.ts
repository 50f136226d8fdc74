import type { FastifyInstance } from 'fastify';
import { keyedBy, router, scopedRecord } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import { contactResource } from './contact.policy.ts';
import {
  contactCreateBody,
  contactListQuery,
  contactPage,
  contactSchema,
  contactUpdateBody,
  exportQuery,
  idParams,
  unmaskAnswer,
  unmaskBody,
} from './contact.schemas.ts';
import {
  anonymiseContact,
  createContact,
  deleteContactById,
  exportContact,
  listContactsInScope,
  presentContact,
  unmaskField,
  updateContactById,
} from './contact.service.ts';
import { contactXlsx } from './contact.xlsx.ts';

const tags = ['联系人'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Staff and leaders: their region subtree's contacts; submitters: their own organisation's (contact.policy.ts).
const read = { permission: 'contact.read', scope: 'data' } as const;
const readOne = { ...read, record: keyedBy(contactResource, 'id') } as const;
const writeOne = { ...readOne, permission: 'contact.write' } as const;
const unmaskOne = { ...readOne, permission: 'contact.unmask' } as const;

/** 联系人: people of the directory's organisations, phone and e-mail always masked unless unmasked one at a time. */
export function contactRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/contacts', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listContacts',
      summary:
        '联系人列表（电话、邮箱脱敏）。q 为姓名的一部分，或完整的电话号码、电子邮箱（按盲索引精确查找）',
      querystring: contactListQuery,
      response: { 200: contactPage },
    },
    handler: (req) => listContactsInScope(s, req.ctx, req.query),
  });

  r.post('/api/contacts', {
    config: { access: { permission: 'contact.write', scope: 'data', idempotent: true } },
    schema: {
      tags,
      operationId: 'createContact',
      summary: '登记联系人（支持 Idempotency-Key）；电话、邮箱加密保存，同一组织的电话号码不能重复',
      body: contactCreateBody,
      response: { 201: contactSchema },
    },
    handler: async (req, reply) => withEtag(reply.code(201), await createContact(s, req.ctx, req.body)),
  });

  r.get('/api/contacts/:id', {
    config: { access: readOne },
    schema: {
      tags,
      operationId: 'getContact',
      summary: '联系人详情（电话、邮箱脱敏）；ETag 为版本号',
      params: idParams,
      response: { 200: contactSchema },
    },
    handler: (req, reply) => withEtag(reply, presentContact(s, scopedRecord(req, contactResource))),
  });

  r.patch('/api/contacts/:id', {
    config: { access: writeOne },
    schema: {
      tags,
      operationId: 'updateContact',
      summary: '修改联系人（If-Match 版本号）；已匿名化的不能修改',
      params: idParams,
      body: contactUpdateBody,
      response: { 200: contactSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await updateContactById(
          s,
          req.ctx,
          scopedRecord(req, contactResource),
          requireIfMatch(req),
          req.body,
        ),
      ),
  });

  r.post('/api/contacts/:id/unmask', {
    config: { access: unmaskOne, noStore: true },
    schema: {
      tags,
      operationId: 'unmaskContactField',
      summary: '查看一项完整的电话或邮箱，仅供本次查看（记入审计日志，不记录内容）',
      params: idParams,
      body: unmaskBody,
      response: { 200: unmaskAnswer },
    },
    handler: (req) => unmaskField(s, req.ctx, scopedRecord(req, contactResource), req.body.field),
  });

  r.get('/api/contacts/:id/export', {
    config: { access: unmaskOne, noStore: true },
    schema: {
      tags,
      operationId: 'exportContact',
      summary: '导出联系人本人的个人信息（JSON 或 .xlsx，含完整电话、邮箱及使用该信息的记录；记入审计日志）',
      params: idParams,
      querystring: exportQuery,
    },
    handler: async (req, reply) => {
      const data = await exportContact(s, req.ctx, scopedRecord(req, contactResource), req.query.format);
      const base = `联系人个人信息-${data.contact.id}`;
      if (req.query.format === 'json') {
        return reply
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${base}.json`)}`)
          .send(data);
      }
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${base}.xlsx`)}`)
        .send(await contactXlsx(data));
    },
  });

  r.delete('/api/contacts/:id', {
    config: { access: writeOne },
    schema: {
      tags,
      operationId: 'deleteContact',
      summary: '应本人要求删除联系人（If-Match 版本号）；仍被提案、诉求等记录使用时拒绝并列出这些记录',
      params: idParams,
    },
    handler: async (req, reply) => {
      await deleteContactById(s, req.ctx, scopedRecord(req, contactResource), requireIfMatch(req));
      return reply.status(204).send();
    },
  });

  r.post('/api/contacts/:id/anonymise', {
    config: { access: writeOne },
    schema: {
      tags,
      operationId: 'anonymiseContact',
      summary:
        '应本人要求匿名化联系人（If-Match 版本号）：清除姓名、职务、电话、邮箱，保留记录；仍被使用时拒绝',
      params: idParams,
      response: { 200: contactSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await anonymiseContact(s, req.ctx, scopedRecord(req, contactResource), requireIfMatch(req)),
      ),
  });
}
