import type { FastifyInstance } from 'fastify';
import { router } from '../../core/http/route.ts';
import type { Services } from '../../core/services.ts';
import { dashboardQuery, dashboardSchema } from './dashboard.schemas.ts';
import { getDashboard } from './dashboard.service.ts';

const tags = ['领导驾驶舱'];

/** The leader's dashboard (领导驾驶舱): one answer per region and plan year. */
export function dashboardRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/dashboard', {
    // Leaders and staff, for a region of their own subtree (the service checks the region: 404 outside).
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'getDashboard',
      summary:
        '领导驾驶舱：本地区及以下某年度任务的完成情况和红黄绿灯（按工作要点部分、牵头单位、地区），红灯任务，逾期未报送，红黄绿灯走势；每个数字附带打开对应列表的筛选条件',
      querystring: dashboardQuery,
      response: { 200: dashboardSchema },
    },
    handler: (req) => getDashboard(s, req.ctx, req.query),
  });
}
