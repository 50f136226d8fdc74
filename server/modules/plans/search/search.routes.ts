import type { FastifyInstance } from 'fastify';
import { perUser } from '../../../core/http/rate-limit.ts';
import { router } from '../../../core/http/route.ts';
import { SEARCHES_PER_MINUTE } from '../import/import.limits.ts';
import type { Services } from '../../../core/services.ts';
import { searchQuery, searchSchema } from './search.schemas.ts';
import { searchPlanItems } from './search.service.ts';

const tags = ['工作要点'];
const read = { permission: 'work.read', scope: 'data' } as const;

/** Search over the plan items a reader can see. */
export function searchRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/plans/search', {
    config: { access: read, rateLimit: perUser(SEARCHES_PER_MINUTE) },
    schema: {
      operationId: 'searchPlans',
      tags,
      summary: '按中文分词检索可见范围内的工作要点条目，结果附高亮片段；每人每分钟 120 次',
      querystring: searchQuery,
      response: { 200: searchSchema },
    },
    handler: (req) => searchPlanItems(s, req.ctx, req.query),
  });
}
