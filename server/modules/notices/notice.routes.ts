import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { keyedBy, router, scopedRecord } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import { taskResource } from '../tasks/index.ts';
import { defaultDueDates } from './notice.dates.ts';
import { noticeResource } from './notice.policy.ts';
import {
  agreeBody,
  commentBody,
  completeBody,
  dueDatesSchema,
  noticeCreateBody,
  noticeDetailSchema,
  noticeIdParam,
  noticeListQuery,
  noticeListSchema,
  noticeSummarySchema,
  rateBody,
  refuseBody,
  respondBody,
  withdrawBody,
} from './notice.schemas.ts';
import { getNoticeDetail, issueNotice, listTaskNotices, listVisibleNotices } from './notice.service.ts';
import { moveNotice, type StepInput } from './notice.steps.ts';
import { withdrawNotice } from './notice.withdraw.ts';
import { NOTICE_STEPS, type NoticeActor, type NoticeStep } from './notice.rules.ts';

const tags = ['督办单'];
const read = { permission: 'work.read', scope: 'data' } as const;
const readNotice = { ...read, record: keyedBy(noticeResource, 'id') };
const noContent = z.strictObject({}).nullish();
// A leader's decision on delisting is declared as work.read, not work.instruct: whether this person is a
// leader over the issuing region is the step's check (a leader holds work.read; the others are refused
// with 403 in words), which keeps the scope guard's 404 for anyone outside the notice's region first.
const PERMISSION_OF = {
  manager: 'work.manage',
  lead: 'work.handle',
  leader: 'work.read',
} as const satisfies Record<NoticeActor, string>;

/** Supervision notices (督办单): issue on a task, list, read, and every step to closing. */
export function noticeRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/notices', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listNotices',
      summary:
        '督办单列表（可见范围内）：按状态（open 为未办结）、级别、颜色、地区、任务、“我的”（我下发的或我单位牵头的）筛选',
      querystring: noticeListQuery,
      response: { 200: noticeListSchema },
    },
    handler: (req) => listVisibleNotices(s, req.ctx, req.query),
  });

  r.get('/api/notices/due-dates', {
    config: { access: { permission: 'work.manage', scope: 'none' } },
    schema: {
      tags,
      operationId: 'getNoticeDueDates',
      summary: '各督办级别默认的反馈期限（自今天起若干个工作日，按节假日安排计算）',
      response: { 200: dueDatesSchema },
    },
    handler: () => defaultDueDates(s),
  });

  r.post('/api/tasks/:id/notices', {
    config: {
      access: { ...read, permission: 'work.manage', record: keyedBy(taskResource, 'id'), idempotent: true },
    },
    schema: {
      tags,
      operationId: 'issueNotice',
      summary:
        '对任务下发督办单（一般/重点/挂牌督办；可由进度报告中需协调解决的问题发起）：交办地区的统战部工作人员；支持 Idempotency-Key',
      params: noticeIdParam,
      body: noticeCreateBody,
      response: { 201: noticeDetailSchema },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await issueNotice(s, req.ctx, scopedRecord(req, taskResource), req.body))),
  });

  r.get('/api/tasks/:id/notices', {
    config: { access: { ...read, record: keyedBy(taskResource, 'id') } },
    schema: {
      tags,
      operationId: 'listTaskNotices',
      summary: '任务的督办单（任务页“督办单”一栏）',
      params: noticeIdParam,
      response: { 200: z.array(noticeSummarySchema) },
    },
    handler: (req) => listTaskNotices(s, req.ctx, scopedRecord(req, taskResource).id),
  });

  r.get('/api/notices/:id', {
    config: { access: readNotice },
    schema: {
      tags,
      operationId: 'getNotice',
      summary: '督办单详情：事由、要求、期限、反馈、评价、时间线及当前可进行的操作；ETag 为版本号',
      params: noticeIdParam,
      response: { 200: noticeDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await getNoticeDetail(s, req.ctx, scopedRecord(req, noticeResource).id)),
  });

  const step = (
    path: string,
    operationId: string,
    summary: string,
    name: NoticeStep,
    body: z.ZodType = noContent,
  ) =>
    r.post(`/api/notices/:id/${path}`, {
      // The permission of who takes the step; whether this person manages, leads or leads over this
      // notice is the step's check (notice.policy.ts).
      config: { access: { ...readNotice, permission: PERMISSION_OF[NOTICE_STEPS[name].who] } },
      schema: {
        tags,
        operationId,
        summary,
        params: noticeIdParam,
        body,
        response: { 200: noticeDetailSchema },
      },
      handler: async (req, reply) => {
        const notice = scopedRecord(req, noticeResource);
        const input = (req.body ?? {}) as StepInput;
        return withEtag(reply, await moveNotice(s, req.ctx, notice, requireIfMatch(req), name, input));
      },
    });

  r.post('/api/notices/:id/withdraw', {
    // Whether this person issued the notice is the service's check (notice.withdraw.ts).
    config: { access: { ...readNotice, permission: 'work.manage' } },
    schema: {
      tags,
      operationId: 'withdrawNotice',
      summary: '撤回督办单（附原因，If-Match）：下发人本人，牵头单位签收前',
      params: noticeIdParam,
      body: withdrawBody,
      response: { 200: noticeDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await withdrawNotice(
          s,
          req.ctx,
          scopedRecord(req, noticeResource),
          requireIfMatch(req),
          req.body.reason,
        ),
      ),
  });

  step('sign', 'signNotice', '签收督办单（If-Match）：牵头单位', 'sign');
  step('respond', 'respondNotice', '反馈整改措施和整改时限（If-Match）：牵头单位', 'respond', respondBody);
  step('complete', 'completeNotice', '报告整改完成（If-Match）：牵头单位', 'complete', completeBody);
  step('accept', 'acceptNoticeResponse', '审核通过整改措施（If-Match）：下发地区的统战部工作人员', 'accept');
  step(
    'return',
    'returnNotice',
    '退回反馈或整改完成报告（附意见，If-Match）：下发地区的统战部工作人员',
    'return',
    commentBody,
  );
  step(
    'close',
    'closeNotice',
    '办结督办单并评价（好/较好/一般/差，If-Match）：一般、重点督办',
    'close',
    rateBody,
  );
  step(
    'delist-request',
    'requestNoticeDelist',
    '挂牌督办申请摘牌（附评价，If-Match）：下发地区的统战部工作人员，由部领导同意',
    'requestDelist',
    rateBody,
  );
  step(
    'delist-approve',
    'approveNoticeDelist',
    '同意摘牌（If-Match）：下发地区的部领导',
    'approveDelist',
    agreeBody,
  );
  step(
    'delist-refuse',
    'refuseNoticeDelist',
    '不同意摘牌（附意见，If-Match）：下发地区的部领导',
    'refuseDelist',
    refuseBody,
  );
}
