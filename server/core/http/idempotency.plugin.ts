import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { toTimestamp } from '../clock.ts';
import { sm3Hex } from '../crypto.ts';
import { appError } from '../errors.ts';
import type { Services } from '../services.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

// Stored responses are sealed: some carry a one-time password (a new user's), which must never rest in
// clear in the database. Bodies stored before sealing was introduced are plain JSON.
function openStoredBody(s: Services, body: string): string {
  return body.startsWith('v1.') ? s.secrets.open(body) : body;
}

function requestHash(body: unknown): string {
  return sm3Hex(JSON.stringify(body ?? null));
}

// Creates declared idempotent accept an Idempotency-Key: the first response is stored and a replay of the
// same key returns it instead of creating a second record.
async function idempotencyPlugin(app: FastifyInstance, s: Services) {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (!req.routeOptions.config.access?.idempotent || typeof key !== 'string' || !req.actor) return;
    if (key.length < 8 || key.length > 128)
      throw appError('VALIDATION_FAILED', 'Idempotency-Key 长度应为 8–128 个字符');
    const stored = await s.db.kysely
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', req.actor.userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (stored) {
      const sameRequest =
        stored.method === req.method &&
        stored.url === req.url &&
        (stored.request_hash === null || stored.request_hash === requestHash(req.body));
      if (!sameRequest) throw appError('IDEMPOTENCY_KEY_REUSED');
      return reply
        .status(stored.status_code)
        .header('idempotent-replayed', 'true')
        .type('application/json')
        .send(openStoredBody(s, stored.body));
    }
    req.idempotencyKey = key;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.idempotencyKey || !req.actor || reply.statusCode >= 300 || typeof payload !== 'string')
      return payload;
    await s.db.kysely
      .insertInto('idempotency_keys')
      .values({
        user_id: req.actor.userId,
        key: req.idempotencyKey,
        method: req.method,
        url: req.url,
        status_code: reply.statusCode,
        body: s.secrets.seal(payload),
        request_hash: requestHash(req.body),
        created_at: toTimestamp(s.clock.now()),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return payload;
  });
}

export default fp(idempotencyPlugin, { name: 'luoshi-idempotency', dependencies: ['luoshi-session'] });
