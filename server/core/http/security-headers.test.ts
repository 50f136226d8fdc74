import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import securityHeaders, { helmetOptions } from './security-headers.ts';

// The headers worked out once must be exactly those @fastify/helmet worked out on every request.
async function headersOf(register: (app: FastifyInstance) => Promise<void>, url: string) {
  const app = Fastify();
  await register(app);
  app.get('/ok', () => ({ ok: true }));
  app.get('/fail', () => {
    throw new Error('fail');
  });
  const res = await app.inject({ url });
  await app.close();
  const { date: _date, ...headers } = res.headers;
  return headers;
}

describe('security headers', () => {
  for (const httpsProxy of [false, true])
    for (const url of ['/ok', '/fail', '/missing'])
      it(`match @fastify/helmet's for ${url}${httpsProxy ? ' behind the HTTPS proxy' : ''}`, async () => {
        const options = helmetOptions(httpsProxy);
        const ours = await headersOf(async (app) => {
          await app.register(securityHeaders, options);
        }, url);
        const theirs = await headersOf(async (app) => {
          // The same options; @fastify/helmet's types come from helmet's CommonJS declarations, ours from its ESM ones.
          await app.register(fastifyHelmet, options as unknown as FastifyHelmetOptions);
        }, url);
        expect(ours).toEqual(theirs);
        expect(ours['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(ours['strict-transport-security'] !== undefined).toBe(httpsProxy);
      });
});
