import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { router } from '../../core/http/route.ts';
import type { Services } from '../../core/services.ts';
import { nextSteps } from './home.service.ts';
import { taskFigures } from '../tasks/index.ts';

const nextStepsSchema = z.object({
  items: z.array(
    z.object({
      kind: z.enum([
        'import',
        'publish',
        'publish-revision',
        'align',
        'parent-plan',
        'coverage',
        'read-plan',
        'no-plan',
        'users',
        'security',
        'audit',
      ]),
      title: z.string(),
      detail: z.string().nullable(),
      planId: z.number().int().nullable().describe('要打开的工作要点（如有）'),
    }),
  ),
});

const colourCounts = z.object({ green: z.number(), yellow: z.number(), red: z.number(), none: z.number() });
const taskFiguresSchema = z.object({
  year: z.number(),
  figures: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      count: z.number(),
      query: z.record(z.string(), z.string()).describe('打开的任务列表的筛选条件（GET /api/tasks 的参数）'),
    }),
  ),
  bySection: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      counts: colourCounts,
      query: z.record(z.string(), z.string()),
    }),
  ),
  byRegion: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      counts: colourCounts,
      query: z.record(z.string(), z.string()),
    }),
  ),
});

/** 工作台 */
export function homeRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/home/next-steps', {
    // Any signed-in user; what it answers is computed within the caller's own data scope.
    config: { access: { permission: 'session', scope: 'data' } },
    schema: {
      operationId: 'listNextSteps',
      tags: ['工作台'],
      summary:
        '待办：当前用户接下来可以做的事（本年度工作要点的导入、发布、修订、对应、阅读；三员的日常职责）',
      response: { 200: nextStepsSchema },
    },
    handler: (req) => nextSteps(s, req.ctx),
  });

  r.get('/api/home/tasks', {
    // Counted within the caller's own data scope, through the task list's own filter.
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      operationId: 'getTaskFigures',
      tags: ['工作台'],
      summary:
        '工作台的任务数字：承办人的待签收和本单位各颜色任务，工作人员的待确认办结、红灯、待分解，领导和工作人员本年度按部分、按地区的红黄绿数量；每个数字附打开列表的筛选条件',
      response: { 200: taskFiguresSchema },
    },
    handler: (req) => taskFigures(s, req.ctx),
  });
}
