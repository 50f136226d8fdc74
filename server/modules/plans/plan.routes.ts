import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/http/pagination.ts';
import { keyedBy, noBody, router, scopedRecord } from '../../core/http/route.ts';
import { registerAttachmentOwner } from '../attachments/index.ts';
import { requireIfMatch, setEtag, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import { alignmentRoutes, compareRoutes } from './alignment/alignment.routes.ts';
import { importRoutes } from './import/import.routes.ts';
import { searchRoutes } from './search/search.routes.ts';
import { getPlanSource, getVisiblePlan } from './plan.detail.ts';
import { planResource } from './plan.policy.ts';
import { planItemResource, taskSuggestions } from './plan.suggestions.ts';
import { restorePlanVersion, updatePlanItem, updatePlanOutline } from './plan.edit.ts';
import {
  itemParams,
  itemUpdateBody,
  outlineUpdateBody,
  planCreateBody,
  planDetailSchema,
  planIdParam,
  planItemDetailSchema,
  planStatus,
  planSummarySchema,
  taskSuggestionsSchema,
  reasonBody,
  versionDetailSchema,
  versionParams,
  versionSchema,
} from './plan.schemas.ts';
import { revisionChangesSchema, versionCompareSchema } from './plan.compare.schemas.ts';
import { compareVersionWithCurrent, getPlanVersion } from './plan.history.ts';
import { endPlan } from './plan.lifecycle.ts';
import { discardRevision, revisionChanges, startRevision } from './plan.revision.ts';
import {
  createPlan,
  getPlanItem,
  listVersionsOfPlan,
  listVisiblePlans,
  publishPlan,
} from './plan.service.ts';

const tags = ['工作要点'];
const read = { permission: 'work.read', scope: 'data' } as const;
const manage = { permission: 'work.manage', scope: 'data' } as const;
// Routes keyed by a plan id: the access plugin loads the plan in scope first.
const readPlan = { ...read, record: keyedBy(planResource, 'id') };
const managePlan = { ...manage, record: keyedBy(planResource, 'id') };
// POST routes that take no body: nothing (Fastify reads it as null), {}, and never unknown fields.
// A large plan's outline (2,000 nodes) plus its source text outgrows the app's 2 MB default.
const OUTLINE_BODY_LIMIT = 8 * 1024 * 1024;

/** Plans (工作要点): every route of the module, the capabilities' own first. */
export function planRoutes(app: FastifyInstance, s: Services) {
  // Files attached to a plan (its source document, evidence) are read by whoever may read the plan.
  registerAttachmentOwner('plan', planResource);
  // Registration order is the order of the paths in the OpenAPI document; kept as it was before the
  // module was split by capability, so the split changed no byte of docs/api/openapi.json.
  importRoutes(app, s);
  compareRoutes(app, s);
  searchRoutes(app, s);
  alignmentRoutes(app, s);
  const r = router(app);

  r.get('/api/plans', {
    config: { access: read },
    schema: {
      operationId: 'listPlans',
      tags,
      summary: '工作要点列表（可见范围内，按年度倒序，键集分页）',
      querystring: z.strictObject({
        regionCode: z
          .string()
          .regex(/^\d{6}$/)
          .optional(),
        year: z.coerce.number().int().min(2000).max(2100).optional(),
        status: planStatus.optional(),
        ...pageQuery,
      }),
      response: { 200: pageSchema(planSummarySchema) },
    },
    handler: (req) => listVisiblePlans(s, req.ctx, req.query),
  });

  r.post('/api/plans', {
    config: { access: { ...manage, idempotent: true } },
    bodyLimit: OUTLINE_BODY_LIMIT,
    schema: {
      operationId: 'createPlan',
      tags,
      summary: '保存为草稿：由预览得到的大纲新建工作要点（版本 1）；支持 Idempotency-Key',
      body: planCreateBody,
      response: { 201: planDetailSchema },
    },
    handler: async (req, reply) =>
      reply.status(201).send(withEtag(reply, await createPlan(s, req.ctx, req.body))),
  });

  r.get('/api/plans/:id', {
    config: { access: readPlan },
    schema: {
      operationId: 'getPlan',
      tags,
      summary:
        '工作要点详情：条目树、牵头/配合单位、品牌活动、建议任务，及当前版本的已删除内容和解析提示；ETag 为版本号',
      params: planIdParam,
      response: { 200: planDetailSchema },
    },
    handler: async (req, reply) => withEtag(reply, await getVisiblePlan(s, req.ctx, req.params.id)),
  });

  r.get('/api/plans/:id/source', {
    config: { access: readPlan },
    schema: {
      operationId: 'getPlanSource',
      tags,
      summary: '工作要点导入时的原文（纯文本；手工录入的为空）',
      params: planIdParam,
      response: { 200: z.object({ text: z.string() }) },
    },
    handler: (req) => getPlanSource(s, req.ctx, req.params.id),
  });

  r.get('/api/plan-items/:id/task-suggestions', {
    // Keyed by the item: the guard loads it and checks its plan is visible (404 otherwise).
    config: { access: { ...manage, record: keyedBy(planItemResource, 'id') } },
    schema: {
      operationId: 'listTaskSuggestions',
      tags,
      summary:
        '条目的建议任务：建议牵头单位按全称、简称、关键词对照表对应到工作要点所属地区的单位；对应不上的给出候选单位，由人选择',
      params: planIdParam,
      response: { 200: taskSuggestionsSchema },
    },
    handler: (req) => taskSuggestions(s, req.ctx, scopedRecord(req, planItemResource)),
  });

  r.put('/api/plans/:id/outline', {
    config: { access: managePlan },
    bodyLimit: OUTLINE_BODY_LIMIT,
    schema: {
      operationId: 'updatePlanOutline',
      tags,
      summary:
        '保存编辑后的整棵条目树（If-Match 版本号）：带 id 的条目保留（对应关系不丢），无 id 的新建，未出现的删除；生成新版本',
      params: planIdParam,
      body: outlineUpdateBody,
      response: { 200: planDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await updatePlanOutline(s, req.ctx, req.params.id, requireIfMatch(req), req.body)),
  });

  r.get('/api/plans/:id/items/:itemId', {
    config: { access: readPlan },
    schema: {
      operationId: 'getPlanItem',
      tags,
      summary: '条目详情：所在位置、对应的上级条目、对应到本条目的下级条目',
      params: itemParams,
      response: { 200: planItemDetailSchema },
    },
    handler: (req) => getPlanItem(s, req.ctx, req.params.id, req.params.itemId),
  });

  r.patch('/api/plans/:id/items/:itemId', {
    config: { access: managePlan },
    schema: {
      operationId: 'updatePlanItem',
      tags,
      summary: '修改一个条目的标题、正文、牵头或配合单位（If-Match 工作要点版本号）；生成新版本',
      params: itemParams,
      body: itemUpdateBody,
      response: { 200: planDetailSchema },
    },
    handler: async (req, reply) => {
      const ids = { planId: req.params.id, itemId: req.params.itemId };
      const plan = await updatePlanItem(s, req.ctx, ids, requireIfMatch(req), req.body);
      setEtag(reply, plan.version);
      return plan;
    },
  });

  r.post('/api/plans/:id/publish', {
    config: { access: managePlan },
    schema: {
      operationId: 'publishPlan',
      tags,
      summary: '发布工作要点（If-Match）：发布后本地区下级和本地区单位可见；每个地区每年只能发布一份',
      params: planIdParam,
      body: noBody,
      response: { 200: planDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await publishPlan(s, req.ctx, req.params.id, requireIfMatch(req))),
  });

  r.get('/api/plans/:id/versions', {
    config: { access: readPlan },
    schema: {
      operationId: 'listPlanVersions',
      tags,
      summary: '版本历史（新建、修改、修改条目、确认对应、发布、恢复，每次一个版本，倒序，键集分页）',
      params: planIdParam,
      querystring: z.strictObject(pageQuery),
      response: { 200: pageSchema(versionSchema) },
    },
    handler: (req) => listVersionsOfPlan(s, req.ctx, req.params.id, req.query),
  });

  r.post('/api/plans/:id/versions/:no/restore', {
    config: { access: managePlan },
    schema: {
      operationId: 'restorePlanVersion',
      tags,
      summary: '恢复到某一历史版本（If-Match 当前版本号）：恢复结果成为新版本',
      params: versionParams,
      body: noBody,
      response: { 200: planDetailSchema },
    },
    handler: async (req, reply) => {
      const ids = { planId: req.params.id, no: req.params.no };
      const plan = await restorePlanVersion(s, req.ctx, ids, requireIfMatch(req));
      setEtag(reply, plan.version);
      return plan;
    },
  });

  r.get('/api/plans/:id/versions/:no', {
    config: { access: readPlan },
    schema: {
      operationId: 'getPlanVersion',
      tags,
      summary: '打开某一历史版本：该版本的标题、状态和整棵条目树',
      params: versionParams,
      response: { 200: versionDetailSchema },
    },
    handler: (req) => getPlanVersion(s, req.ctx, { planId: req.params.id, no: req.params.no }),
  });

  r.get('/api/plans/:id/versions/:no/compare', {
    config: { access: readPlan },
    schema: {
      operationId: 'comparePlanVersion',
      tags,
      summary: '某一历史版本（左）与当前内容（右）逐条比较：同一条目按 id 配对，其余按文本相似度',
      params: versionParams,
      response: { 200: versionCompareSchema },
    },
    handler: (req) => compareVersionWithCurrent(s, req.ctx, { planId: req.params.id, no: req.params.no }),
  });

  planRevisionRoutes(app, s);
}

/** Revisions (修订稿) of a published plan, withdrawal (撤回) and repeal (废止). */
function planRevisionRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.post('/api/plans/:id/revision', {
    config: { access: managePlan },
    schema: {
      operationId: 'startPlanRevision',
      tags,
      summary:
        '修订已发布的工作要点（If-Match 已发布版本号）：生成一份修订稿（草稿），发布修订稿前原要点继续有效；每份要点同时只有一份修订稿',
      params: planIdParam,
      body: noBody,
      response: { 201: planDetailSchema },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await startRevision(s, req.ctx, req.params.id, requireIfMatch(req)))),
  });

  r.get('/api/plans/:id/revision-changes', {
    config: { access: readPlan },
    schema: {
      operationId: 'getRevisionChanges',
      tags,
      summary:
        '修订稿发布后将带来的变化：已发布要点（左）与修订稿（右）逐条比较，及将失去对应关系的下级条目数',
      params: planIdParam,
      response: { 200: revisionChangesSchema },
    },
    handler: (req) => revisionChanges(s, req.ctx, req.params.id),
  });

  r.delete('/api/plans/:id', {
    config: { access: managePlan },
    schema: {
      operationId: 'discardPlanRevision',
      tags,
      summary: '放弃修订稿（If-Match）：只能删除修订稿，已发布的要点不受影响',
      params: planIdParam,
    },
    handler: async (req, reply) => {
      await discardRevision(s, req.ctx, req.params.id, requireIfMatch(req));
      return reply.status(204).send();
    },
  });

  for (const how of ['withdraw', 'repeal'] as const) {
    r.post(`/api/plans/:id/${how}`, {
      config: { access: managePlan },
      schema: {
        operationId: `${how}Plan`,
        tags,
        summary:
          how === 'withdraw'
            ? '撤回已发布的工作要点（If-Match，须填原因）：退回为草稿，下级不再可见；可修改后重新发布'
            : '废止已发布的工作要点（If-Match，须填原因）：不再有效、不能再修改，下级仍可查看；同年度可另行发布',
        params: planIdParam,
        body: reasonBody,
        response: { 200: planDetailSchema },
      },
      handler: async (req, reply) => {
        const ids = { planId: req.params.id, version: requireIfMatch(req) };
        return withEtag(reply, await endPlan(s, req.ctx, how, ids, req.body.reason));
      },
    });
  }
}
