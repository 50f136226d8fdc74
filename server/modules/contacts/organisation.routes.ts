import type { FastifyInstance } from 'fastify';
import { keyedBy, router, scopedRecord } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import { contactOrganisationResource } from './contact.policy.ts';
import {
  idParams,
  organisationCreateBody,
  organisationListQuery,
  organisationPage,
  organisationSchema,
  organisationUpdateBody,
} from './contact.schemas.ts';
import {
  createOrganisation,
  deleteOrganisationById,
  listOrganisationsInScope,
  updateOrganisationById,
} from './organisation.service.ts';

const tags = ['联系人'];
// Keeping the directory's organisations is staff work (work.manage) in their region subtree.
const manage = { permission: 'work.manage', scope: 'data' } as const;

/** The organisations contacts belong to: 民主党派, 工商联, enterprises, others. */
export function contactOrganisationRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/contact-organisations', {
    config: { access: { permission: 'contact.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'listContactOrganisations',
      summary: '联系人所属组织（民主党派、工商联、企业等）：工作人员看本地区及以下，党派/工商联用户看本组织',
      querystring: organisationListQuery,
      response: { 200: organisationPage },
    },
    handler: (req) => listOrganisationsInScope(s, req.ctx, req.query),
  });

  r.post('/api/contact-organisations', {
    config: { access: { ...manage, idempotent: true } },
    schema: {
      tags,
      operationId: 'createContactOrganisation',
      summary: '新建联系人所属组织（支持 Idempotency-Key）；企业可填所属工商联',
      body: organisationCreateBody,
      response: { 201: organisationSchema },
    },
    handler: async (req, reply) => withEtag(reply.code(201), await createOrganisation(s, req.ctx, req.body)),
  });

  r.patch('/api/contact-organisations/:id', {
    config: { access: { ...manage, record: keyedBy(contactOrganisationResource, 'id') } },
    schema: {
      tags,
      operationId: 'updateContactOrganisation',
      summary: '修改联系人所属组织（If-Match 版本号）',
      params: idParams,
      body: organisationUpdateBody,
      response: { 200: organisationSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await updateOrganisationById(
          s,
          req.ctx,
          scopedRecord(req, contactOrganisationResource),
          requireIfMatch(req),
          req.body,
        ),
      ),
  });

  r.delete('/api/contact-organisations/:id', {
    config: { access: { ...manage, record: keyedBy(contactOrganisationResource, 'id') } },
    schema: {
      tags,
      operationId: 'deleteContactOrganisation',
      summary: '删除联系人所属组织（If-Match 版本号）；仍有联系人、所属企业或被其他记录使用时拒绝并说明原因',
      params: idParams,
    },
    handler: async (req, reply) => {
      await deleteOrganisationById(
        s,
        req.ctx,
        scopedRecord(req, contactOrganisationResource),
        requireIfMatch(req),
      );
      return reply.status(204).send();
    },
  });
}
