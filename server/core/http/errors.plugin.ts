import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, errorCatalogue } from '../errors.ts';
import { isValidationProblem } from './validation.ts';

// The one error handler: every failure leaves the API as { code, message, details? }.
async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ code: err.code, message: err.message, details: err.details });
    }
    if (
      Array.isArray(err.validation) &&
      err.validation.length > 0 &&
      err.validation.every(isValidationProblem)
    ) {
      // Each problem names its field in Chinese (validation.ts); the first is the message, all of them go
      // to details so a form can show each beside its field: `in` is the part of the request, `path`
      // the field's dotted path (as Element Plus form props write it).
      const part = err.validationContext ?? 'body';
      const problems = err.validation.map((p) => ({
        in: part,
        path: p.path.map(String).join('.'),
        code: p.code,
        message: p.message,
      }));
      return reply.status(400).send({
        code: 'VALIDATION_FAILED',
        message: problems[0]?.message ?? errorCatalogue.VALIDATION_FAILED.message,
        details: { problems },
      });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({ code: 'RATE_LIMITED', message: errorCatalogue.RATE_LIMITED.message });
    }
    if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply
        .status(413)
        .send({ code: 'PAYLOAD_TOO_LARGE', message: errorCatalogue.PAYLOAD_TOO_LARGE.message });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON, wrong content type and the like: the client's fault, safe to describe.
      return reply
        .status(400)
        .send({ code: 'BAD_REQUEST', message: `${errorCatalogue.BAD_REQUEST.message}：${err.message}` });
    }
    req.log.error({ err, requestId: req.id }, 'unexpected error');
    return reply
      .status(500)
      .send({ code: 'INTERNAL', message: `${errorCatalogue.INTERNAL.message}（请求编号 ${req.id}）` });
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({
      code: 'NOT_FOUND',
      message: `${errorCatalogue.NOT_FOUND.message}：${req.method} ${req.url.split('?')[0]}`,
    });
  });
}

export default fp(errorsPlugin, { name: 'luoshi-errors' });
