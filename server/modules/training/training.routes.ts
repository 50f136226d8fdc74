import type { FastifyInstance } from 'fastify';
import { keyedBy, noBody, router, scopedRecord } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import { registerAttachmentOwner } from '../attachments/index.ts';
import { checkIn, closeCourse, recordAttendance, sessionQr } from './training.attendance.service.ts';
import { decideNomination, nominate, presentCourse } from './training.course.service.ts';
import {
  listPeople,
  myHours,
  saveTrainingSettings,
  trainingSettingsFor,
  unitSummary,
} from './training.hours.service.ts';
import { deleteTrainingCourse, updateTrainingCourse, updateTrainingPlan } from './training.edit.service.ts';
import {
  addCourse,
  approveTrainingPlan,
  createTrainingPlan,
  listTrainingPlans,
  presentPlan,
} from './training.plan.service.ts';
import {
  trainingCourseResource,
  trainingNominationResource,
  trainingPlanResource,
  trainingSessionResource,
} from './training.policy.ts';
import {
  attendanceBody,
  checkInBody,
  checkInResult,
  courseCreateBody,
  courseSchema,
  courseUpdateBody,
  decisionBody,
  hoursQuery,
  idParams,
  listQuery,
  myHoursSchema,
  nominationCreateBody,
  peopleQuery,
  peopleSchema,
  planCreateBody,
  planListSchema,
  planSchema,
  planUpdateBody,
  qrSchema,
  settingsBody,
  settingsSchema,
  unitSummarySchema,
  unitsQuery,
} from './training.schemas.ts';

const tags = ['干部培训'];
const read = { permission: 'work.read', scope: 'data' } as const;
const manage = { permission: 'work.manage', scope: 'data' } as const;
const plan = keyedBy(trainingPlanResource, 'id');
const course = keyedBy(trainingCourseResource, 'id');
const session = keyedBy(trainingSessionResource, 'id');

/** 干部培训: yearly plans and courses, nominations, attendance (QR and sign-in sheet), credits and hours. */
export function trainingRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  // The scanned sign-in sheet of a session: read by whoever may reach the session (the plan's staff).
  registerAttachmentOwner('training_session', trainingSessionResource);

  r.get('/api/training/plans', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listTrainingPlans',
      summary: '培训计划列表（本地区及以下；单位看到已审批的本级及上级计划）',
      querystring: listQuery,
      response: { 200: planListSchema },
    },
    handler: (req) => listTrainingPlans(s, req.ctx, req.query.year),
  });

  r.post('/api/training/plans', {
    config: { access: { ...manage, idempotent: true } },
    schema: {
      tags,
      operationId: 'createTrainingPlan',
      summary: '新建本地区年度培训计划草稿（支持 Idempotency-Key）',
      body: planCreateBody,
      response: { 201: planSchema },
    },
    handler: async (req, reply) => withEtag(reply.code(201), await createTrainingPlan(s, req.ctx, req.body)),
  });

  r.get('/api/training/plans/:id', {
    config: { access: { ...read, record: plan } },
    schema: {
      tags,
      operationId: 'getTrainingPlan',
      summary: '培训计划及其课程；ETag 为版本号',
      params: idParams,
      response: { 200: planSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await presentPlan(s, req.ctx, scopedRecord(req, trainingPlanResource))),
  });

  r.patch('/api/training/plans/:id', {
    config: { access: { ...manage, record: plan } },
    schema: {
      tags,
      operationId: 'updateTrainingPlan',
      summary:
        '修改未审批的培训计划名称、年度或地区（If-Match 版本号）：改年度时课程和课次移到新年度的同月同日；已有报名或出勤时年度和地区不能再改',
      params: idParams,
      body: planUpdateBody,
      response: { 200: planSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await updateTrainingPlan(
          s,
          req.ctx,
          scopedRecord(req, trainingPlanResource),
          requireIfMatch(req),
          req.body,
        ),
      ),
  });

  r.post('/api/training/plans/:id/courses', {
    config: { access: { ...manage, record: plan, idempotent: true } },
    schema: {
      tags,
      operationId: 'addTrainingCourse',
      summary: '在未审批的培训计划中增加课程及课次（支持 Idempotency-Key）',
      params: idParams,
      body: courseCreateBody,
      response: { 201: planSchema },
    },
    handler: async (req, reply) => {
      const { plan: out } = await addCourse(s, req.ctx, scopedRecord(req, trainingPlanResource), req.body);
      return withEtag(reply.code(201), out);
    },
  });

  r.post('/api/training/plans/:id/approve', {
    // Declared as work.read: whether this person is a leader over the plan's region is the service's
    // check (403 in words), after the scope guard's 404 for anyone outside it.
    config: { access: { ...read, record: plan } },
    schema: {
      tags,
      operationId: 'approveTrainingPlan',
      summary: '部领导审批培训计划（If-Match）：审批后各单位可以报名',
      params: idParams,
      body: noBody,
      response: { 200: planSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await approveTrainingPlan(s, req.ctx, scopedRecord(req, trainingPlanResource), requireIfMatch(req)),
      ),
  });

  r.get('/api/training/courses/:id', {
    config: { access: { ...read, record: course } },
    schema: {
      tags,
      operationId: 'getTrainingCourse',
      summary: '培训课程：课次、报名（单位只看本单位）、出勤和学时；ETag 为版本号',
      params: idParams,
      response: { 200: courseSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await presentCourse(s, req.ctx, scopedRecord(req, trainingCourseResource))),
  });

  r.patch('/api/training/courses/:id', {
    config: { access: { ...manage, record: course } },
    schema: {
      tags,
      operationId: 'updateTrainingCourse',
      summary:
        '修改未审批计划中的课程（If-Match 为课程的版本号）：名称、主办、地点、日期、名额，课次整体替换',
      params: idParams,
      body: courseUpdateBody,
      response: { 200: courseSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await updateTrainingCourse(
          s,
          req.ctx,
          scopedRecord(req, trainingCourseResource),
          requireIfMatch(req),
          req.body,
        ),
      ),
  });

  r.delete('/api/training/courses/:id', {
    config: { access: { ...manage, record: course } },
    schema: {
      tags,
      operationId: 'deleteTrainingCourse',
      summary:
        '从未审批的培训计划中删除课程及其课次（If-Match 为课程的版本号）；已有报名或出勤记录的课程不能删除；返回培训计划',
      params: idParams,
      response: { 200: planSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await deleteTrainingCourse(
          s,
          req.ctx,
          scopedRecord(req, trainingCourseResource),
          requireIfMatch(req),
        ),
      ),
  });

  r.post('/api/training/courses/:id/nominations', {
    config: { access: { permission: 'work.handle', scope: 'data', record: course, idempotent: true } },
    schema: {
      tags,
      operationId: 'nominateTrainee',
      summary: '单位在名额内报名学员：本单位用户，或只填姓名和职务（支持 Idempotency-Key）',
      params: idParams,
      body: nominationCreateBody,
      response: { 201: courseSchema },
    },
    handler: async (req, reply) => {
      const { course: out } = await nominate(s, req.ctx, scopedRecord(req, trainingCourseResource), req.body);
      return withEtag(reply.code(201), out);
    },
  });

  r.post('/api/training/courses/:id/close', {
    config: { access: { ...manage, record: course } },
    schema: {
      tags,
      operationId: 'closeTrainingCourse',
      summary: '课程结业（If-Match）：按各人出勤课次登记学时',
      params: idParams,
      body: noBody,
      response: { 200: courseSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await closeCourse(s, req.ctx, scopedRecord(req, trainingCourseResource), requireIfMatch(req)),
      ),
  });

  r.post('/api/training/nominations/:id/decision', {
    config: { access: { ...manage, record: keyedBy(trainingNominationResource, 'id') } },
    schema: {
      tags,
      operationId: 'decideTrainingNomination',
      summary: '审核报名（If-Match 为报名记录的版本号）：同意或写明理由不同意',
      params: idParams,
      body: decisionBody,
      response: { 200: courseSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await decideNomination(
          s,
          req.ctx,
          scopedRecord(req, trainingNominationResource),
          requireIfMatch(req),
          req.body,
        ),
      ),
  });

  r.get('/api/training/sessions/:id/qr', {
    config: { access: { ...manage, record: session }, noStore: true },
    schema: {
      tags,
      operationId: 'getTrainingSessionQr',
      summary: '课次的现场签到码（约 60 秒有效，现场屏幕定时刷新）',
      params: idParams,
      response: { 200: qrSchema },
    },
    handler: (req) => sessionQr(s, scopedRecord(req, trainingSessionResource)),
  });

  r.put('/api/training/sessions/:id/attendance', {
    config: { access: { ...manage, record: session } },
    schema: {
      tags,
      operationId: 'recordTrainingAttendance',
      summary: '按签到表登记课次出勤并上传签到表（If-Match 为课次的版本号）',
      params: idParams,
      body: attendanceBody,
      response: { 200: courseSchema },
    },
    handler: async (req) =>
      recordAttendance(s, req.ctx, scopedRecord(req, trainingSessionResource), requireIfMatch(req), req.body),
  });

  r.post('/api/training/check-in', {
    config: { access: { permission: 'work.read', scope: 'self' } },
    schema: {
      tags,
      operationId: 'trainingCheckIn',
      summary: '扫码签到：只登记本人在该课次的出勤；过期或其他课次的签到码无效，重复扫码不重复登记',
      body: checkInBody,
      response: { 200: checkInResult },
    },
    handler: (req) => checkIn(s, req.ctx, req.body),
  });

  r.get('/api/training/my-hours', {
    config: { access: { permission: 'work.read', scope: 'self' } },
    schema: {
      tags,
      operationId: 'getMyTrainingHours',
      summary: '我的培训学时：本年度已获学时、年度要求和课程明细',
      querystring: hoursQuery,
      response: { 200: myHoursSchema },
    },
    handler: (req) => myHours(s, req.ctx, req.query.year),
  });

  r.get('/api/training/units', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'getTrainingUnitSummary',
      summary:
        '各单位培训完成情况（未达标人数多的在前，分页）：参训人数、达标人数、未达标人数、学时合计，及全部单位的合计',
      querystring: unitsQuery,
      response: { 200: unitSummarySchema },
    },
    handler: (req) => unitSummary(s, req.ctx, req.query),
  });

  r.get('/api/training/people', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listTrainingPeople',
      summary: '参训人员学时（可按单位、只看未达标）',
      querystring: peopleQuery,
      response: { 200: peopleSchema },
    },
    handler: (req) => listPeople(s, req.ctx, req.query),
  });

  r.get('/api/training/settings', {
    config: { access: { permission: 'work.read', scope: 'none' } },
    schema: {
      tags,
      operationId: 'getTrainingSettings',
      summary: '年度培训学时要求；ETag 为版本号',
      response: { 200: settingsSchema },
    },
    handler: async (req, reply) => withEtag(reply, await trainingSettingsFor(s, req.ctx)),
  });

  r.put('/api/training/settings', {
    config: { access: { permission: 'work.manage', scope: 'none' } },
    schema: {
      tags,
      operationId: 'saveTrainingSettings',
      summary: '修改年度培训学时要求（If-Match）：省级统战部工作人员',
      body: settingsBody,
      response: { 200: settingsSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await saveTrainingSettings(s, req.ctx, req.body, requireIfMatch(req))),
  });
}
