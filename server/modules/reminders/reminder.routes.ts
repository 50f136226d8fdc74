import type { FastifyInstance } from 'fastify';
import { router } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import {
  getReminderRules,
  reminderRulesOut,
  reminderRulesSchema,
  saveReminderRules,
} from './reminder.settings.ts';

const tags = ['提醒与督办'];

/**
 * 提醒与督办规则: one set of rules for the deployment, not regional data (scope 'none'); every business
 * user may read them (a unit sees when it will be reminded), the provincial staff change them (the service
 * checks the level, as for the holiday calendar).
 */
export function reminderRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/reminders/rules', {
    config: { access: { permission: 'work.read', scope: 'none' } },
    schema: {
      tags,
      operationId: 'getReminderRules',
      summary: '提醒与督办规则：到期前几个工作日提醒，逾期几个工作日逐级督办',
      response: { 200: reminderRulesOut },
    },
    handler: async (req, reply) => withEtag(reply, await getReminderRules(s, req.ctx)),
  });

  r.put('/api/reminders/rules', {
    config: { access: { permission: 'work.manage', scope: 'none' } },
    schema: {
      tags,
      operationId: 'saveReminderRules',
      summary: '修改提醒与督办规则（If-Match 为读到的版本号）：省级统战部工作人员',
      body: reminderRulesSchema,
      response: { 200: reminderRulesOut },
    },
    handler: async (req, reply) =>
      withEtag(reply, await saveReminderRules(s, req.ctx, req.body, requireIfMatch(req))),
  });
}
