import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DAY, toTimestamp } from '../clock.ts';
import { sm3Hex } from '../crypto.ts';
import { appError } from '../errors.ts';
import type { Services } from '../services.ts';
import {
  deleteIdempotencyKey,
  findIdempotencyKey,
  purgeIdempotencyKeys,
  reserveIdempotencyKey,
  storeIdempotentResponse,
} from './idempotency.repository.ts';
import { deferKey, deferredKeyOf, PENDING } from './idempotency.transaction.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

// Keys are kept a day: long enough for any client retry, short enough that the sealed responses (some
// carry a one-time password) do not pile up.
const KEEP_FOR = DAY;

function requestHash(body: unknown): string {
  return sm3Hex(JSON.stringify(body ?? null));
}

// The answer as text: a string, or the bytes of an answer written once (core/http/serializer.ts).
const textOf = (payload: unknown) => (Buffer.isBuffer(payload) ? payload.toString('utf8') : payload);

// Creates declared idempotent accept an Idempotency-Key. The key is reserved before the create runs, so
// two requests racing with one key cannot both create; the first response is stored (sealed) and replayed.
// A route declared `idempotent: 'transaction'` has the key looked up here and claimed and answered in its
// own transaction instead (idempotency.transaction.ts): one commit rather than three.
async function idempotencyPlugin(app: FastifyInstance, s: Services) {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    const mode = req.routeOptions.config.access?.idempotent;
    if (!mode || typeof key !== 'string' || !req.actor) return;
    if (key.length < 8 || key.length > 128) {
      throw appError('VALIDATION_FAILED', 'Idempotency-Key 长度应为 8–128 个字符');
    }
    const userId = req.actor.userId;
    const now = s.clock.now();
    const purgeBefore = toTimestamp(new Date(now.getTime() - KEEP_FOR));
    const hash = requestHash(req.body);
    if (mode === 'transaction') {
      // Looked up only: a key held by an earlier request answers below; a free one is the handler's.
      const held = await findIdempotencyKey(s.db.kysely, userId, key);
      if (!held || held.created_at < purgeBefore) {
        deferKey(req.ctx, {
          userId,
          key,
          method: req.method,
          url: req.url,
          requestHash: hash,
          createdAt: toTimestamp(now),
          purgeBefore,
          seal: (answer) => s.secrets.seal(String(textOf(reply.serialize(answer)))),
          stored: false,
        });
        req.idempotencyKey = key;
        return;
      }
      return answerHeld(held);
    }
    await purgeIdempotencyKeys(s.db.kysely, userId, purgeBefore);
    const reserved = await reserveIdempotencyKey(s.db.kysely, {
      user_id: userId,
      key,
      method: req.method,
      url: req.url,
      status_code: PENDING,
      body: '',
      request_hash: hash,
      created_at: toTimestamp(now),
    });
    if (reserved) {
      req.idempotencyKey = key;
      return;
    }
    return answerHeld(await findIdempotencyKey(s.db.kysely, userId, key));

    function answerHeld(stored: Awaited<ReturnType<typeof findIdempotencyKey>>) {
      if (!stored || stored.method !== req.method || stored.url !== req.url || stored.request_hash !== hash) {
        throw appError('IDEMPOTENCY_KEY_REUSED');
      }
      if (stored.status_code === PENDING) throw appError('IDEMPOTENCY_IN_PROGRESS');
      return reply
        .status(stored.status_code)
        .header('idempotent-replayed', 'true')
        .type('application/json')
        .send(s.secrets.open(stored.body));
    }
  });

  app.addHook('onSend', async (req: FastifyRequest, reply, payload) => {
    if (!req.idempotencyKey || !req.actor) return payload;
    const { userId } = req.actor;
    const deferred = deferredKeyOf(req.ctx);
    if (deferred) {
      // Claimed and answered in the handler's transaction, or never claimed (refused before it, or rolled
      // back with it). An answer stored but then not sent (a failure after the commit) is released.
      if (deferred.stored && reply.statusCode >= 300)
        await deleteIdempotencyKey(s.db.kysely, userId, req.idempotencyKey);
      return payload;
    }
    // A failed create releases the key, so the client may retry it.
    const body = textOf(payload);
    if (reply.statusCode >= 300 || typeof body !== 'string') {
      await deleteIdempotencyKey(s.db.kysely, userId, req.idempotencyKey);
    } else {
      await storeIdempotentResponse(
        s.db.kysely,
        userId,
        req.idempotencyKey,
        reply.statusCode,
        s.secrets.seal(body),
      );
    }
    return payload;
  });
}

export default fp(idempotencyPlugin, { name: 'luoshi-idempotency', dependencies: ['luoshi-session'] });
