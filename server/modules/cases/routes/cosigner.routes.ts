import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { router } from '../../../core/http/route.ts';
import type { Services } from '../../../core/services.ts';
import { likeContains } from '../../../db/like.ts';

const candidateSchema = z.object({ userId: z.number(), name: z.string(), unitName: z.string() });

/** Who a proposal can invite to co-sign: the active submitter accounts (民主党派、工商联、党外代表人士). */
async function cosignerCandidates(s: Services, q: string | undefined, self: number) {
  let query = s.db.kysely
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .leftJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'u.display_name', 'n.name as unit_name'])
    .where('r.role', '=', 'submitter')
    .where('u.status', '=', 'active')
    .where('u.id', '!=', self);
  if (q) query = query.where((eb) => eb.or([likeContains('u.display_name', q), likeContains('n.name', q)]));
  const rows = await query.orderBy('n.name').orderBy('u.id').limit(50).execute();
  return rows.map((u) => ({ userId: u.id, name: u.display_name, unitName: u.unit_name ?? '' }));
}

export function cosignerRoutes(app: FastifyInstance, s: Services) {
  router(app).get('/api/cases/cosigner-candidates', {
    config: { access: { permission: 'work.submit', scope: 'none' } },
    schema: {
      tags: ['事项'],
      operationId: 'listCosignerCandidates',
      summary: '可邀请联名的人（民主党派、工商联、党外代表人士的在用账户），按姓名或单位查找，至多 50 人',
      querystring: z.strictObject({ q: z.string().trim().max(50).optional() }),
      response: { 200: z.array(candidateSchema) },
    },
    handler: (req) => cosignerCandidates(s, req.query.q, req.ctx.actor!.userId),
  });
}
