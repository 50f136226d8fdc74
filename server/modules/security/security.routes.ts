import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROLE_LABELS, ROLE_PERMISSIONS, ROLES } from '../../core/access/roles.ts';
import { router } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import { loadSecuritySettings, securitySettingsSchema, updateSecuritySettings } from './security.settings.ts';

export function securityRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const tags = ['安全'];
  const withVersion = securitySettingsSchema.extend({ version: z.number().int() });

  r.get('/api/security/settings', {
    config: { access: { permission: 'security.read', scope: 'global' } },
    schema: { operationId: 'getSecuritySettings', tags, summary: '安全设置', response: { 200: withVersion } },
    handler: async (_req, reply) => withEtag(reply, await loadSecuritySettings(s.db.kysely, s.config)),
  });

  r.put('/api/security/settings', {
    config: { access: { permission: 'security.write', scope: 'global' } },
    schema: {
      operationId: 'saveSecuritySettings',
      tags,
      summary: '修改安全设置',
      body: securitySettingsSchema,
      response: { 200: withVersion },
    },
    handler: async (req, reply) =>
      withEtag(reply, await updateSecuritySettings(s, req.ctx, req.body, requireIfMatch(req))),
  });

  r.get('/api/roles', {
    config: { access: { permission: 'session', scope: 'none' } },
    schema: {
      operationId: 'listRoles',
      tags,
      summary: '角色与权限',
      response: {
        200: z.array(z.object({ id: z.enum(ROLES), label: z.string(), permissions: z.array(z.string()) })),
      },
    },
    handler: () =>
      ROLES.map((id) => ({ id, label: ROLE_LABELS[id], permissions: [...ROLE_PERMISSIONS[id]] })),
  });
}
