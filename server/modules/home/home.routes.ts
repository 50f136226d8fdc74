import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { router } from '../../core/http/route.ts';
import type { Services } from '../../core/services.ts';
import { nextSteps } from './home.service.ts';

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
}
