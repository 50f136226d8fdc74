import type { FastifyInstance } from 'fastify';
import { router } from '../../core/http/route.ts';
import { requireIfMatch } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import { calendarDayBody, calendarDayQuery, calendarQuery, calendarYear } from './calendar.schemas.ts';
import { correctDay, getCalendarYear, restoreDay } from './calendar.service.ts';

const tags = ['节假日安排'];

/**
 * 节假日安排: one calendar for the deployment, not regional data (scope 'none'); reading it is open to
 * every business user, correcting it to the provincial staff (the service checks the level).
 */
export function calendarRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/calendar', {
    config: { access: { permission: 'work.read', scope: 'none' } },
    schema: {
      tags,
      operationId: 'getCalendarYear',
      summary: '某年的放假日和调休上班日（随系统发布的安排及工作人员的更正）',
      querystring: calendarQuery,
      response: { 200: calendarYear },
    },
    handler: (req) => getCalendarYear(s, req.ctx, req.query.year),
  });

  r.put('/api/calendar/days', {
    config: { access: { permission: 'work.manage', scope: 'none' } },
    schema: {
      tags,
      operationId: 'correctCalendarDay',
      summary: '把某日设为放假或调休上班（If-Match 为该日更正的版本号，首次更正为 0）：省级统战部工作人员',
      body: calendarDayBody,
      response: { 200: calendarYear },
    },
    handler: (req) => correctDay(s, req.ctx, requireIfMatch(req), req.body),
  });

  r.delete('/api/calendar/days', {
    config: { access: { permission: 'work.manage', scope: 'none' } },
    schema: {
      tags,
      operationId: 'restoreCalendarDay',
      summary: '撤销对某日的更正，恢复随系统发布的安排（If-Match 为更正的版本号）：省级统战部工作人员',
      querystring: calendarDayQuery,
      response: { 200: calendarYear },
    },
    handler: (req) => restoreDay(s, req.ctx, requireIfMatch(req), req.query.day),
  });
}
