import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { router } from '../../core/http/route.ts';
import type { Services } from '../../core/services.ts';
import { pingDatabase } from './system.repository.ts';

export function systemRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  r.get('/api/health', {
    config: { access: { permission: 'public', scope: 'none' } },
    schema: {
      operationId: 'getHealth',
      tags: ['系统'],
      summary: '健康检查',
      response: {
        200: z.object({ status: z.literal('ok'), database: z.string() }),
        503: z.object({ status: z.literal('unavailable'), database: z.string() }),
      },
    },
    handler: async (_req, reply) => {
      const database = s.db.dialect.name;
      if (await pingDatabase(s.db.kysely)) return { status: 'ok' as const, database };
      return reply.status(503).send({ status: 'unavailable' as const, database });
    },
  });
}
