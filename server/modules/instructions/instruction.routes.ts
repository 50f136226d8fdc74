import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { decodeCursor } from '../../core/http/pagination.ts';
import { keyedBy, router, scopedRecord } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import { registerAttachmentOwner } from '../attachments/index.ts';
import { followUpResource, instructionResource } from './instruction.policy.ts';
import {
  confirmBody,
  followUpBody,
  instructionCreateBody,
  instructionListQuery,
  instructionPageSchema,
  instructionParams,
  instructionSchema,
  moreBody,
  targetQuery,
} from './instruction.schemas.ts';
import { listOnObject, listPage } from './instruction.lists.ts';
import {
  askForMore,
  confirmDone,
  createInstruction,
  followUp,
  getInstruction,
} from './instruction.service.ts';
import { registerNoticeTarget } from './targets.notices.ts';
import { registerTaskTargets } from './targets.tasks.ts';

const tags = ['领导批示'];
const readOne = {
  permission: 'work.read',
  scope: 'data',
  record: keyedBy(instructionResource, 'id'),
} as const;

/** Leaders' instructions (批示) and their follow-up. */
export function instructionRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  registerTaskTargets();
  registerNoticeTarget();
  // Files reported back with a follow-up are read by whoever may read the instruction.
  registerAttachmentOwner('instruction_follow_up', followUpResource);

  r.post('/api/instructions', {
    config: { access: { permission: 'work.instruct', scope: 'data', idempotent: true } },
    schema: {
      tags,
      operationId: 'createInstruction',
      summary:
        '领导对任务、进度报告（及督办单）作出批示：批办 / 指导 / 阅知（支持 Idempotency-Key）；对象须在本人地区范围内',
      body: instructionCreateBody,
      response: { 201: instructionSchema },
    },
    handler: async (req, reply) =>
      reply.status(201).send(withEtag(reply, await createInstruction(s, req.ctx, req.body))),
  });

  r.get('/api/instructions', {
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'listInstructions',
      summary:
        '批示办理：本人范围内的批示，按类型、状态（待落实 awaiting / 已落实 done …）、“我的”筛选，新的在前',
      querystring: instructionListQuery,
      response: { 200: instructionPageSchema },
    },
    handler: (req) =>
      listPage(s, req.ctx, {
        kind: req.query.kind,
        status: req.query.status,
        mine: req.query.mine,
        regionCode: req.query.regionCode,
        from: req.query.from,
        to: req.query.to,
        beforeId: decodeCursor<number>(req.query.cursor, 'number'),
        limit: req.query.limit,
      }),
  });

  r.get('/api/instructions/on', {
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'listInstructionsOn',
      summary: '一个对象上的批示及其落实情况（任务：含其进度报告、督办单上的批示），新的在前',
      querystring: targetQuery,
      response: { 200: z.array(instructionSchema) },
    },
    handler: (req) => listOnObject(s, req.ctx, req.query.targetType, req.query.targetId),
  });

  r.get('/api/instructions/:id', {
    config: { access: readOne },
    schema: {
      tags,
      operationId: 'getInstruction',
      summary: '一条批示及其落实情况；ETag 为版本号',
      params: instructionParams,
      response: { 200: instructionSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await getInstruction(s, req.ctx, scopedRecord(req, instructionResource))),
  });

  r.post('/api/instructions/:id/follow-ups', {
    config: { access: { ...readOne, permission: 'work.handle', idempotent: true } },
    schema: {
      tags,
      operationId: 'followUpInstruction',
      summary: '责任单位反馈批办批示的落实情况，可附文件，可多次反馈（If-Match，支持 Idempotency-Key）',
      params: instructionParams,
      body: followUpBody,
      response: { 200: instructionSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await followUp(s, req.ctx, scopedRecord(req, instructionResource), requireIfMatch(req), req.body),
      ),
  });

  r.post('/api/instructions/:id/confirm', {
    config: { access: { ...readOne, permission: 'work.manage' } },
    schema: {
      tags,
      operationId: 'confirmInstruction',
      summary: '确认批办批示落实完毕（If-Match）：管理该事项的地区统战部工作人员',
      params: instructionParams,
      body: confirmBody,
      response: { 200: instructionSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await confirmDone(
          s,
          req.ctx,
          scopedRecord(req, instructionResource),
          requireIfMatch(req),
          req.body?.comment ?? '',
        ),
      ),
  });

  r.post('/api/instructions/:id/more', {
    config: { access: { ...readOne, permission: 'work.manage' } },
    schema: {
      tags,
      operationId: 'askInstructionFollowUp',
      summary: '要求责任单位补充反馈落实情况（If-Match）：管理该事项的地区统战部工作人员',
      params: instructionParams,
      body: moreBody,
      response: { 200: instructionSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await askForMore(
          s,
          req.ctx,
          scopedRecord(req, instructionResource),
          requireIfMatch(req),
          req.body.comment,
        ),
      ),
  });
}
