import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { keyedBy, router, scopedRecord } from '../../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../../core/http/versioning.ts';
import type { Services } from '../../../core/services.ts';
import { registerAttachmentOwner } from '../../attachments/index.ts';
import { taskResource } from '../task.policy.ts';
import { missingBoard, remindMissing } from './report.board.ts';
import { reportResource } from './report.policy.ts';
import { acceptReport, returnReport } from './report.review.ts';
import {
  contributionBody,
  missingBoardSchema,
  missingQuery,
  remindBody,
  remindResultSchema,
  reportContentBody,
  reportDetailSchema,
  reportParams,
  reportSummarySchema,
  returnBody,
} from './report.schemas.ts';
import { contribute, getReport, listReports, saveDraft, submitReport } from './report.service.ts';
import { rowId } from '../../../core/http/row-id.ts';

const tags = ['进度填报'];
const readTask = { permission: 'work.read', scope: 'data', record: keyedBy(taskResource, 'id') } as const;
// Who acts (the lead unit, a cooperating unit, the task's managers) is the service's check; the route
// declares the permission that every one of them holds.
const handleTask = { ...readTask, permission: 'work.handle' } as const;
const manageTask = { ...readTask, permission: 'work.manage' } as const;
const noContent = z.strictObject({}).nullish();

/** Progress reports (进度填报): a task's periods, the form, drafts, submission, review, the board. */
export function reportRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  // Evidence attached to a report is read by whoever may read its task.
  registerAttachmentOwner('progress_report', reportResource);

  r.get('/api/tasks/:id/reports', {
    config: { access: readTask },
    schema: {
      tags,
      operationId: 'listTaskReports',
      summary: '任务各期进度报告：期别、报送期限、状态、是否逾期',
      params: z.strictObject({ id: rowId }),
      response: { 200: z.array(reportSummarySchema) },
    },
    handler: (req) => listReports(s, scopedRecord(req, taskResource)),
  });

  r.get('/api/tasks/:id/reports/:periodKey/draft', {
    config: { access: readTask },
    schema: {
      tags,
      operationId: 'getReportDraft',
      summary:
        '一期进度报告的填报表：未填写的按上一期审核通过的报告预填（进度、指标、里程碑、下一步计划），附配合单位反馈；ETag 为版本号',
      params: reportParams,
      response: { 200: reportDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await getReport(s, req.ctx, scopedRecord(req, taskResource), req.params.periodKey)),
  });

  r.put('/api/tasks/:id/reports/:periodKey/draft', {
    config: { access: handleTask },
    schema: {
      tags,
      operationId: 'saveReportDraft',
      summary: '保存进度报告草稿（If-Match 版本号）：牵头单位',
      params: reportParams,
      body: reportContentBody,
      response: { 200: reportDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await saveDraft(
          s,
          req.ctx,
          scopedRecord(req, taskResource),
          req.params.periodKey,
          requireIfMatch(req),
          req.body,
        ),
      ),
  });

  r.post('/api/tasks/:id/reports/:periodKey/submit', {
    config: { access: { ...handleTask, idempotent: 'transaction' } },
    schema: {
      tags,
      operationId: 'submitReport',
      summary: '报送进度报告（If-Match 版本号，支持 Idempotency-Key）：牵头单位；逾期报送标记为逾期',
      params: reportParams,
      body: reportContentBody,
      response: { 200: reportDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await submitReport(
          s,
          req.ctx,
          scopedRecord(req, taskResource),
          req.params.periodKey,
          requireIfMatch(req),
          req.body,
        ),
      ),
  });

  r.put('/api/tasks/:id/reports/:periodKey/contribution', {
    config: { access: handleTask },
    schema: {
      tags,
      operationId: 'saveReportContribution',
      summary: '填写配合单位反馈（If-Match 为本单位反馈的版本号，首次填写为 0）：配合单位',
      params: reportParams,
      body: contributionBody,
      response: { 200: reportDetailSchema },
    },
    // The answer is the report (its ETag would be the report's version, not the part's): no ETag here.
    handler: (req) =>
      contribute(
        s,
        req.ctx,
        scopedRecord(req, taskResource),
        req.params.periodKey,
        requireIfMatch(req),
        req.body.text,
      ),
  });

  r.post('/api/tasks/:id/reports/:periodKey/accept', {
    config: { access: manageTask },
    schema: {
      tags,
      operationId: 'acceptReport',
      summary: '审核通过进度报告（If-Match）：任务进度、指标、里程碑及上级任务汇总随之更新',
      params: reportParams,
      body: noContent,
      response: { 200: reportDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await acceptReport(
          s,
          req.ctx,
          scopedRecord(req, taskResource),
          req.params.periodKey,
          requireIfMatch(req),
        ),
      ),
  });

  r.post('/api/tasks/:id/reports/:periodKey/return', {
    config: { access: manageTask },
    schema: {
      tags,
      operationId: 'returnReport',
      summary: '退回进度报告（附意见，If-Match）：退回牵头单位修改后重新报送',
      params: reportParams,
      body: returnBody,
      response: { 200: reportDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await returnReport(
          s,
          req.ctx,
          scopedRecord(req, taskResource),
          req.params.periodKey,
          requireIfMatch(req),
          req.body.comment,
        ),
      ),
  });

  r.get('/api/reports/missing', {
    // Staff chase reports (the reminder below is theirs); leaders read the board from their dashboard.
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'getMissingReports',
      summary: '未报送看板：本地区及以下逾期未报送、退回未改的进度报告，按地区和单位统计',
      querystring: missingQuery,
      response: { 200: missingBoardSchema },
    },
    handler: (req) => missingBoard(s, req.ctx, req.query),
  });

  r.post('/api/reports/missing/remind', {
    config: { access: { permission: 'work.manage', scope: 'data', idempotent: true } },
    schema: {
      tags,
      operationId: 'remindMissingReports',
      summary: '一键催报：提醒看板上的每个单位（每个单位一次；支持 Idempotency-Key）',
      body: remindBody,
      response: { 200: remindResultSchema },
    },
    handler: (req) => remindMissing(s, req.ctx, req.body),
  });
}
