import type { FastifyInstance } from 'fastify';
import { router } from '../../../core/http/route.ts';
import type { Services } from '../../../core/services.ts';
import { exportStatistics } from './stats.excel.ts';
import {
  caseStatsBreakdownQuery,
  caseStatsBreakdownSchema,
  caseStatsQuery,
  caseStatsSchema,
  STATS_TOP,
} from './stats.schemas.ts';
import { caseStatistics, caseStatisticsBreakdown } from './stats.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Statistics of cases for a type, a year and a region subtree, and their .xlsx. */
export function statsRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const tags = ['事项'];
  r.get('/api/cases/statistics', {
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'getCaseStatistics',
      summary: `事项统计（某类、某年、某地区及下级，限可见范围）：提交、立案、答复、按期答复、满意度、采纳、重点、领导批示（按级别）；按类型分列，按提交单位、承办单位列出最多的 ${STATS_TOP} 个，其余合为“其他”`,
      querystring: caseStatsQuery,
      response: { 200: caseStatsSchema },
    },
    handler: (req) => caseStatistics(s, req.ctx, req.query),
  });
  r.get('/api/cases/statistics/breakdown', {
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'getCaseStatisticsBreakdown',
      summary: '事项统计的全部提交单位或承办单位（分页、排序，条件同事项统计；各页合计与未交办之和等于总体）',
      querystring: caseStatsBreakdownQuery,
      response: { 200: caseStatsBreakdownSchema },
    },
    handler: (req) => caseStatisticsBreakdown(s, req.ctx, req.query),
  });
  r.get('/api/cases/statistics.xlsx', {
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'exportCaseStatistics',
      summary: '导出事项统计（.xlsx，条件同事项统计）',
      querystring: caseStatsQuery,
    },
    handler: async (req, reply) => {
      const { buffer, name } = await exportStatistics(s, req.ctx, req.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
        .send(buffer);
    },
  });
}
