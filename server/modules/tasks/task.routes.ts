import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { keyedBy, router, scopedRecord } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import { planItemResource } from '../plans/index.ts';
import { getTaskDetail } from './task.detail.ts';
import { getPlanItemRollup } from './task.rollup.ts';
import { getHealthHistory } from './task.health.ts';
import { decideAdjustment, moveTask, requestAdjustment } from './task.lifecycle.ts';
import { taskResource } from './task.policy.ts';
import { createTask, listVisibleTasks, updateTask } from './task.service.ts';
import {
  adjustmentBody,
  adjustmentParams,
  planItemRollupSchema,
  commentBody,
  completionBody,
  decisionBody,
  reasonBody,
  taskCreateBody,
  taskDetailSchema,
  taskEventSchema,
  taskHealthChangeSchema,
  taskIdParam,
  taskListQuery,
  taskListSchema,
  taskTreeNodeSchema,
  taskUpdateBody,
} from './task.schemas.ts';
import { getTaskTimeline } from './task.timeline.ts';
import { getTaskTree } from './task.tree.ts';

const tags = ['任务分解'];
const read = { permission: 'work.read', scope: 'data' } as const;
const readTask = { ...read, record: keyedBy(taskResource, 'id') };
// Managing a task (its region's staff) and acting for its lead unit (its people; staff for their 统战部):
// the permission is declared here, whether this person manages or leads this task is the service's check.
const manageTask = { ...readTask, permission: 'work.manage' } as const;
const handleTask = { ...readTask, permission: 'work.handle' } as const;
const noContent = z.strictObject({}).nullish();

/** Tasks (任务分解): create, list, read, edit, and every step of a task's life. */
export function taskRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/tasks', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listTasks',
      summary:
        '任务列表（可见范围内）：按工作要点、部分、地区、牵头/配合单位、状态、颜色、时限、来源、关键词筛选；同时返回各颜色数量',
      querystring: taskListQuery,
      response: { 200: taskListSchema },
    },
    handler: (req) => listVisibleTasks(s, req.ctx, req.query),
  });

  r.get('/api/plan-items/:id/rollup', {
    // Keyed by the item: visible when its plan is (404 otherwise), as the plan item itself.
    config: { access: { ...read, record: keyedBy(planItemResource, 'id') } },
    schema: {
      tags,
      operationId: 'getPlanItemRollup',
      summary: '工作要点条目的任务汇总：其顶层任务按权重汇总的进度和各颜色任务数（任务每次变化时同步更新）',
      params: taskIdParam,
      response: { 200: planItemRollupSchema },
    },
    handler: (req) => getPlanItemRollup(s, scopedRecord(req, planItemResource).id),
  });

  r.post('/api/tasks', {
    config: { access: { permission: 'work.manage', scope: 'data', idempotent: true } },
    schema: {
      tags,
      operationId: 'createTask',
      summary:
        '新建任务（手工、由工作要点条目或分解上级任务）；assign 为 true 时直接交办；支持 Idempotency-Key',
      body: taskCreateBody,
      response: { 201: taskDetailSchema },
    },
    handler: async (req, reply) =>
      reply.status(201).send(withEtag(reply, await createTask(s, req.ctx, req.body))),
  });

  r.get('/api/tasks/:id', {
    config: { access: readTask },
    schema: {
      tags,
      operationId: 'getTask',
      summary: '任务详情：牵头/配合单位、里程碑、指标、调整申请及当前可进行的操作；ETag 为版本号',
      params: taskIdParam,
      response: { 200: taskDetailSchema },
    },
    handler: async (req, reply) => withEtag(reply, await getTaskDetail(s, req.ctx, req.params.id)),
  });

  r.patch('/api/tasks/:id', {
    config: { access: manageTask },
    schema: {
      tags,
      operationId: 'updateTask',
      summary: '修改任务（If-Match 版本号）：交办地区的统战部工作人员',
      params: taskIdParam,
      body: taskUpdateBody,
      response: { 200: taskDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await updateTask(s, req.ctx, scopedRecord(req, taskResource), requireIfMatch(req), req.body),
      ),
  });

  r.get('/api/tasks/:id/timeline', {
    config: { access: readTask },
    schema: {
      tags,
      operationId: 'getTaskTimeline',
      summary: '任务时间线：创建、交办、签收、调整、报告与审核、里程碑、颜色变化、办结',
      params: taskIdParam,
      response: { 200: z.array(taskEventSchema) },
    },
    handler: (req) => getTaskTimeline(s, scopedRecord(req, taskResource).id),
  });

  r.get('/api/tasks/:id/health-history', {
    config: { access: readTask },
    schema: {
      tags,
      operationId: 'getTaskHealthHistory',
      summary: '任务颜色的历次变化（时间、颜色及原因），用于显示全年的颜色条',
      params: taskIdParam,
      response: { 200: z.array(taskHealthChangeSchema) },
    },
    handler: (req) => getHealthHistory(s, scopedRecord(req, taskResource).id),
  });

  r.get('/api/tasks/:id/tree', {
    config: { access: readTask },
    schema: {
      tags,
      operationId: 'getTaskTree',
      summary: '任务以下各级的分解情况（每个下级任务的颜色、进度，及尚未分解的下级地区）',
      params: taskIdParam,
      response: { 200: z.array(taskTreeNodeSchema) },
    },
    handler: (req) => getTaskTree(s, req.ctx, scopedRecord(req, taskResource)),
  });

  const step = (
    url: string,
    operationId: string,
    summary: string,
    name: Parameters<typeof moveTask>[4],
    body: z.ZodType = noContent,
  ) =>
    r.post(url, {
      config: { access: name === 'sign' || name === 'requestCompletion' ? handleTask : manageTask },
      schema: { tags, operationId, summary, params: taskIdParam, body, response: { 200: taskDetailSchema } },
      handler: async (req, reply) => {
        const extra = (req.body ?? {}) as { summary?: string; reason?: string; comment?: string };
        const task = scopedRecord(req, taskResource);
        return withEtag(reply, await moveTask(s, req.ctx, task, requireIfMatch(req), name, extra));
      },
    });

  step('/api/tasks/:id/assign', 'assignTask', '交办（草稿 → 待签收，If-Match）', 'assign');
  step('/api/tasks/:id/sign', 'signTask', '签收（待签收 → 办理中，If-Match）：牵头单位', 'sign');
  step(
    '/api/tasks/:id/completion',
    'requestTaskCompletion',
    '申请办结（附办结情况，If-Match）：牵头单位',
    'requestCompletion',
    completionBody,
  );
  step(
    '/api/tasks/:id/completion/confirm',
    'confirmTaskCompletion',
    '确认办结（销号，If-Match）：交办地区的统战部工作人员',
    'confirmCompletion',
  );
  step(
    '/api/tasks/:id/completion/return',
    'returnTaskCompletion',
    '退回办结申请（附意见，If-Match）',
    'returnCompletion',
    commentBody,
  );
  step('/api/tasks/:id/cancel', 'cancelTask', '撤销任务（附理由，If-Match）', 'cancel', reasonBody);

  r.post('/api/tasks/:id/adjustments', {
    config: { access: handleTask },
    schema: {
      tags,
      operationId: 'requestTaskAdjustment',
      summary: '申请调整（完成时限、牵头单位或任务内容，附理由）：牵头单位',
      params: taskIdParam,
      body: adjustmentBody,
      response: { 200: taskDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await requestAdjustment(s, req.ctx, scopedRecord(req, taskResource), req.body)),
  });

  r.post('/api/tasks/:id/adjustments/:adjustmentId/decision', {
    config: { access: manageTask },
    schema: {
      tags,
      operationId: 'decideTaskAdjustment',
      summary: '审核调整申请：同意（按申请修改任务）或不同意，附意见',
      params: adjustmentParams,
      body: decisionBody,
      response: { 200: taskDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await decideAdjustment(
          s,
          req.ctx,
          scopedRecord(req, taskResource),
          req.params.adjustmentId,
          req.body,
        ),
      ),
  });
}
