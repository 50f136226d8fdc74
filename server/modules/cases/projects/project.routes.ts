import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { keyedBy, router, scopedRecord } from '../../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../../core/http/versioning.ts';
import type { Services } from '../../../core/services.ts';
import { projectResource } from './project.policy.ts';
import {
  projectCloseBody,
  projectCreateBody,
  projectDetailSchema,
  projectIdParam,
  projectListQuery,
  projectRateBody,
  projectSchema,
} from './project.schemas.ts';
import {
  closeProject,
  createProject,
  getProject,
  listVisibleProjects,
  rateProject,
} from './project.service.ts';

const tags = ['民主监督'];
const read = { permission: 'work.read', scope: 'data' } as const;
const readProject = { ...read, record: keyedBy(projectResource, 'id') };

/** 民主监督 projects: open, list, page with its reports, mutual ratings, close with a summary. */
export function projectRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  r.get('/api/case-projects', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listCaseProjects',
      summary: '民主监督项目列表（可见范围内：本地区及下级，承担监督的党派，被监督单位）',
      querystring: projectListQuery,
      response: { 200: z.array(projectSchema) },
    },
    handler: (req) => listVisibleProjects(s, req.ctx, req.query),
  });
  r.post('/api/case-projects', {
    config: { access: { permission: 'work.manage', scope: 'data', idempotent: true } },
    schema: {
      tags,
      operationId: 'createCaseProject',
      summary:
        '新建民主监督项目（主题、范围、监督期、承担的民主党派、被监督单位）：统战部工作人员；支持 Idempotency-Key',
      body: projectCreateBody,
      response: { 201: projectDetailSchema },
    },
    handler: async (req, reply) =>
      reply.status(201).send(withEtag(reply, await createProject(s, req.ctx, req.body))),
  });
  r.get('/api/case-projects/:id', {
    config: { access: readProject },
    schema: {
      tags,
      operationId: 'getCaseProject',
      summary: '民主监督项目详情：其下的监督报告、双向评价、结项总结，以及当前用户可进行的操作',
      params: projectIdParam,
      response: { 200: projectDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await getProject(s, req.ctx, scopedRecord(req, projectResource).id)),
  });
  r.post('/api/case-projects/:id/ratings', {
    config: { access: readProject },
    schema: {
      tags,
      operationId: 'rateCaseProject',
      summary: '民主监督双向评价（If-Match）：民主党派评价被监督单位，被监督单位评价民主党派，各一次',
      params: projectIdParam,
      body: projectRateBody,
      response: { 200: projectDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await rateProject(s, req.ctx, scopedRecord(req, projectResource), requireIfMatch(req), req.body),
      ),
  });
  r.post('/api/case-projects/:id/close', {
    config: { access: { ...readProject, permission: 'work.manage' } },
    schema: {
      tags,
      operationId: 'closeCaseProject',
      summary: '民主监督项目结项并填写总结（If-Match）：项目所在地区的统战部工作人员',
      params: projectIdParam,
      body: projectCloseBody,
      response: { 200: projectDetailSchema },
    },
    handler: async (req, reply) =>
      withEtag(
        reply,
        await closeProject(s, req.ctx, scopedRecord(req, projectResource), requireIfMatch(req), req.body),
      ),
  });
}
