import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { keyedBy, router, scopedRecord } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import { registerAttachmentOwner } from '../attachments/index.ts';
import { brandResource, eventResource, outcomeResource } from './activity.policy.ts';
import {
  brandCreateBody,
  brandImportBody,
  brandImportResult,
  brandListSchema,
  brandSchema,
  brandUpdateBody,
  checklistAddBody,
  checklistUpdateBody,
  eventCreateBody,
  eventListQuery,
  eventListSchema,
  eventSchema,
  eventUpdateBody,
  evidenceParams,
  idParams,
  itemParams,
  outcomeCreateBody,
  outcomeListQuery,
  outcomeListSchema,
  outcomeSchema,
  outcomeUpdateBody,
  totalsAnswer,
  totalsQuery,
  transitionBody,
} from './activity.schemas.ts';
import { filterOf, readTotals, totalsOf } from './activity.totals.ts';
import { brandDetail, createBrand, editBrand, importBrands, listBrandsFor } from './brand.service.ts';
import { addChecklistItem, setChecklistItemDone } from './checklist.service.ts';
import { removeEvidence } from './event.evidence.ts';
import { transitionEvent } from './event.lifecycle.ts';
import { createEvent, eventDetail, listEventsFor, updateEventFields } from './event.service.ts';
import { listOutcomes } from './outcome.repository.ts';
import { createOutcome, editOutcome, presentOutcomes, removeOutcome } from './outcome.service.ts';

const tags = ['品牌活动'];
const read = { permission: 'work.read', scope: 'data' } as const;
const manage = { permission: 'work.manage', scope: 'data' } as const;
const handle = { permission: 'work.handle', scope: 'data' } as const;
const brandOne = { record: keyedBy(brandResource, 'id') } as const;
const eventOne = { record: keyedBy(eventResource, 'id') } as const;
const outcomeOne = { record: keyedBy(outcomeResource, 'id') } as const;
const noContent = z.strictObject({}).nullish();
const OUTCOME_LIST_LIMIT = 1000;

/** 品牌活动: brands, events with their lifecycle and checklist, outcomes and their totals. */
export function activityRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  registerAttachmentOwner('activity_event', eventResource);
  registerAttachmentOwner('activity_outcome', outcomeResource);

  r.get('/api/activity-brands', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listActivityBrands',
      summary: '品牌活动列表（本地区及上级、下级的品牌），附各品牌的成效合计',
      response: { 200: brandListSchema },
    },
    handler: (req) => listBrandsFor(s, req.ctx),
  });

  r.post('/api/activity-brands', {
    config: { access: { ...manage, idempotent: true } },
    schema: {
      tags,
      operationId: 'createActivityBrand',
      summary: '手工新建品牌活动，可关联工作要点条目和牵头单位（支持 Idempotency-Key）',
      body: brandCreateBody,
      response: { 201: brandSchema },
    },
    handler: async (req, reply) => withEtag(reply.code(201), await createBrand(s, req.ctx, req.body)),
  });

  r.post('/api/activity-brands/import', {
    config: { access: { ...manage, idempotent: true } },
    schema: {
      tags,
      operationId: 'importActivityBrands',
      summary:
        '从工作要点导入品牌活动：按条目中识别出的品牌名称建立品牌，关联条目及其任务的牵头单位（支持 Idempotency-Key）',
      body: brandImportBody,
      response: { 200: brandImportResult },
    },
    handler: (req) => importBrands(s, req.ctx, req.body.planId),
  });

  r.get('/api/activity-brands/:id', {
    config: { access: { ...read, ...brandOne } },
    schema: {
      tags,
      operationId: 'getActivityBrand',
      summary: '品牌活动：关联条目、牵头单位和成效合计；ETag 为版本号',
      params: idParams,
      response: { 200: brandSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await brandDetail(s, req.ctx, scopedRecord(req, brandResource))),
  });

  r.patch('/api/activity-brands/:id', {
    config: { access: { ...manage, ...brandOne } },
    schema: {
      tags,
      operationId: 'updateActivityBrand',
      summary: '修改品牌活动的名称、简介、关联条目和牵头单位（If-Match 版本号）',
      params: idParams,
      body: brandUpdateBody,
      response: { 200: brandSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await editBrand(s, req.ctx, scopedRecord(req, brandResource), requireIfMatch(req), req.body),
      ),
  });

  r.get('/api/activity-events', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listActivityEvents',
      summary:
        '活动列表：按品牌、条目、阶段、年度、地点地区筛选，按开始日期从新到旧分页（每页默认 50 个，nextCursor 取下一页），附各阶段的数量',
      querystring: eventListQuery,
      response: { 200: eventListSchema },
    },
    handler: (req) => listEventsFor(s, req.ctx, req.query),
  });

  r.post('/api/activity-events', {
    config: { access: { ...handle, idempotent: true } },
    schema: {
      tags,
      operationId: 'createActivityEvent',
      summary: '新建活动（计划中）：主办单位为本单位，或本地区及以下的单位（支持 Idempotency-Key）',
      body: eventCreateBody,
      response: { 201: eventSchema },
    },
    handler: async (req, reply) => withEtag(reply.code(201), await createEvent(s, req.ctx, req.body)),
  });

  r.get('/api/activity-events/:id', {
    config: { access: { ...read, ...eventOne } },
    schema: {
      tags,
      operationId: 'getActivityEvent',
      summary: '活动：基本信息、时间线、筹备清单、成效和附件；ETag 为版本号',
      params: idParams,
      response: { 200: eventSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await eventDetail(s, req.ctx, scopedRecord(req, eventResource))),
  });

  r.patch('/api/activity-events/:id', {
    config: { access: { ...handle, ...eventOne } },
    schema: {
      tags,
      operationId: 'updateActivityEvent',
      summary:
        '修改活动（If-Match 版本号）：主办单位或其所在地区的工作人员；attachmentIds 加入照片和材料；已结束的活动只能补充附件',
      params: idParams,
      body: eventUpdateBody,
      response: { 200: eventSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await updateEventFields(s, req.ctx, scopedRecord(req, eventResource), requireIfMatch(req), req.body),
      ),
  });

  r.delete('/api/activity-events/:id/attachments/:attachmentId', {
    config: { access: { ...handle, ...eventOne } },
    schema: {
      tags,
      operationId: 'removeActivityEventAttachment',
      summary:
        '删除活动的一张照片或一份材料（If-Match 活动版本号）：主办单位或其所在地区的工作人员；时间线和审计日志记下文件名和 SM3',
      params: evidenceParams,
      body: noContent,
      response: { 200: eventSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await removeEvidence(
          s,
          req.ctx,
          scopedRecord(req, eventResource),
          requireIfMatch(req),
          req.params.attachmentId,
        ),
      ),
  });

  r.post('/api/activity-events/:id/transitions', {
    config: { access: { ...handle, ...eventOne } },
    schema: {
      tags,
      operationId: 'transitionActivityEvent',
      summary:
        '活动转入下一阶段（计划中 → 筹备中 → 已举办 → 已复盘 → 已结束；复盘须填写）（If-Match 版本号）',
      params: idParams,
      body: transitionBody,
      response: { 200: eventSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await transitionEvent(s, req.ctx, scopedRecord(req, eventResource), requireIfMatch(req), req.body),
      ),
  });

  r.post('/api/activity-events/:id/checklist', {
    config: { access: { ...handle, ...eventOne } },
    schema: {
      tags,
      operationId: 'addActivityChecklistItem',
      summary: '添加筹备事项（责任单位、完成时限；到期前提醒）（If-Match 活动版本号）',
      params: idParams,
      body: checklistAddBody,
      response: { 200: eventSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await addChecklistItem(s, req.ctx, scopedRecord(req, eventResource), requireIfMatch(req), req.body),
      ),
  });

  r.patch('/api/activity-events/:id/checklist/:itemId', {
    config: { access: { ...handle, ...eventOne } },
    schema: {
      tags,
      operationId: 'updateActivityChecklistItem',
      summary: '标记筹备事项已完成或未完成（If-Match 活动版本号）',
      params: itemParams,
      body: checklistUpdateBody,
      response: { 200: eventSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await setChecklistItemDone(
          s,
          req.ctx,
          scopedRecord(req, eventResource),
          requireIfMatch(req),
          req.params.itemId,
          req.body.done,
        ),
      ),
  });

  r.post('/api/activity-events/:id/outcomes', {
    config: { access: { ...handle, ...eventOne, idempotent: true } },
    schema: {
      tags,
      operationId: 'createActivityOutcome',
      summary:
        '登记活动成效（签约项目、引进人才、企业、服务村庄、其他指标），可计入所属任务的一项指标（支持 Idempotency-Key）',
      params: idParams,
      body: outcomeCreateBody,
      response: { 201: outcomeSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply.code(201), await createOutcome(s, req.ctx, scopedRecord(req, eventResource), req.body)),
  });

  r.get('/api/activity-outcomes', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listActivityOutcomes',
      summary: '活动成效明细：与成效合计同一筛选条件（品牌、条目、年度、落地地区、类别），附合计',
      querystring: outcomeListQuery,
      response: { 200: outcomeListSchema },
    },
    handler: async (req) => {
      const { kind, eventId, ...q } = req.query;
      const f = { ...(await filterOf(s, req.ctx, q)), kind, eventId };
      const rows = await listOutcomes(s.db.kysely, req.ctx, f, OUTCOME_LIST_LIMIT);
      return { items: await presentOutcomes(s, rows), totals: await totalsOf(s, req.ctx, f) };
    },
  });

  r.patch('/api/activity-outcomes/:id', {
    config: { access: { ...handle, ...outcomeOne } },
    schema: {
      tags,
      operationId: 'updateActivityOutcome',
      summary: '修改活动成效、项目状态和跟进日期（If-Match 版本号）；合计和所计入的指标随之变动',
      params: idParams,
      body: outcomeUpdateBody,
      response: { 200: outcomeSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await editOutcome(s, req.ctx, scopedRecord(req, outcomeResource), requireIfMatch(req), req.body),
      ),
  });

  r.delete('/api/activity-outcomes/:id', {
    config: { access: { ...handle, ...outcomeOne } },
    schema: {
      tags,
      operationId: 'deleteActivityOutcome',
      summary: '删除活动成效（If-Match 版本号）；合计和所计入的指标随之减去',
      params: idParams,
      body: noContent,
    },
    handler: async (req, reply) => {
      await removeOutcome(s, req.ctx, scopedRecord(req, outcomeResource), requireIfMatch(req));
      return reply.code(204).send();
    },
  });

  r.get('/api/activity-totals', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'getActivityTotals',
      summary: '活动成效合计：按品牌、条目、年度、落地地区筛选，及按品牌和年度的分组（图表用）',
      querystring: totalsQuery,
      response: { 200: totalsAnswer },
    },
    handler: (req) => readTotals(s, req.ctx, req.query),
  });
}
