import type { FastifyInstance } from 'fastify';
import { keyedBy, router, scopedRecord } from '../../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../../core/http/versioning.ts';
import type { Services } from '../../../core/services.ts';
import { runAction } from '../actions/action.service.ts';
import { caseResource } from '../case.policy.ts';
import {
  caseActionBody,
  caseCreateBody,
  caseDetailSchema,
  caseIdParam,
  caseListQuery,
  caseListSchema,
  caseUpdateBody,
} from '../case.schemas.ts';
import { getCaseDetail } from '../detail/detail.service.ts';
import { createCase, updateDraft } from '../drafts/draft.service.ts';
import { listVisibleCases } from '../list/list.service.ts';

const tags = ['事项'];
const read = { permission: 'work.read', scope: 'data' } as const;
const readCase = { ...read, record: keyedBy(caseResource, 'id') };

/** Cases of every type: draft, list, page, and every action of the engine. */
export function caseRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/cases', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listCases',
      summary:
        '事项列表（可见范围内）：按类型、状态、年度、地区（含下级）、重点、逾期、关键词、项目、座谈会，以及统计的各项（提交单位、承办单位、立案、答复、按期、采纳、评价、类别、批示级别）筛选；附各状态的数量',
      querystring: caseListQuery,
      response: { 200: caseListSchema },
    },
    handler: (req) => listVisibleCases(s, req.ctx, req.query),
  });

  r.post('/api/cases', {
    // Who may raise which type (a submitter, staff) is the service's check against the type's config.
    config: { access: { permission: 'work.read', scope: 'data', idempotent: true } },
    schema: {
      tags,
      operationId: 'createCase',
      summary: '起草事项（议政建言、民主监督报告、政企诉求、基层诉求），保存为草稿；支持 Idempotency-Key',
      body: caseCreateBody,
      response: { 201: caseDetailSchema },
    },
    handler: async (req, reply) =>
      reply.status(201).send(withEtag(reply, await createCase(s, req.ctx, req.body))),
  });

  r.get('/api/cases/:id', {
    config: { access: readCase },
    schema: {
      tags,
      operationId: 'getCase',
      summary:
        '事项详情：内容、办理单位、答复、评价、批示、转办任务的进展、并案、完整时间线，以及当前用户可进行的操作；ETag 为版本号',
      params: caseIdParam,
      response: { 200: caseDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await getCaseDetail(s, req.ctx, scopedRecord(req, caseResource).id)),
  });

  r.put('/api/cases/:id', {
    config: { access: readCase },
    schema: {
      tags,
      operationId: 'updateCaseDraft',
      summary: '修改事项草稿（标题和内容，If-Match）：起草人',
      params: caseIdParam,
      body: caseUpdateBody,
      response: { 200: caseDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await updateDraft(s, req.ctx, scopedRecord(req, caseResource), requireIfMatch(req), req.body),
      ),
  });

  r.post('/api/cases/:id/actions', {
    // Whether this person may take this action on this case now is the engine's decision (403 / 409).
    config: { access: { ...read, record: keyedBy(caseResource, 'id') } },
    schema: {
      tags,
      operationId: 'takeCaseAction',
      summary:
        '对事项进行一项操作（If-Match）：提交、立案、交办、退回、答复、评价、采纳、批示、转为任务等，由 action 指明，各操作所需内容见请求体的各个形式；可进行哪些操作见事项详情的 actions',
      params: caseIdParam,
      body: caseActionBody,
      response: { 200: caseDetailSchema },
    },
    handler: async (req, reply) => {
      const { action, ...input } = req.body;
      const c = scopedRecord(req, caseResource);
      return withEtag(reply, await runAction(s, req.ctx, c, requireIfMatch(req), action, input));
    },
  });
}
