import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { AccessLog, loggerOptions } from './logger.ts';

describe('server log format', () => {
  const dev = { env: 'development' as const, logLevel: 'info' };

  it('prints readable lines in development at a terminal', () => {
    expect(loggerOptions(dev, true).transport).toMatchObject({ target: 'pino-pretty' });
  });

  it('keeps JSON lines in production, in tests, and when the output goes to a pipe or a file', () => {
    expect(loggerOptions({ env: 'production', logLevel: 'info' }, true).transport).toBeUndefined();
    expect(loggerOptions({ env: 'test', logLevel: 'info' }, true).transport).toBeUndefined();
    expect(loggerOptions(dev, false).transport).toBeUndefined();
  });

  it('keeps JSON lines where pino-pretty is not installed (a production install without dev packages)', () => {
    expect(loggerOptions(dev, true, () => false).transport).toBeUndefined();
  });

  it('never logs the session cookie or the CSRF token, in either format', () => {
    for (const tty of [true, false])
      expect(loggerOptions(dev, tty).redact).toEqual(['req.headers.cookie', 'req.headers["x-csrf-token"]']);
  });
});

describe('access log', () => {
  it('writes one line per request, on completion, naming method, URL, status and time', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', stream }, logController: new AccessLog() });
    app.get('/ok', () => ({ ok: true }));
    app.get('/boom', () => {
      throw new Error('boom');
    });
    await app.inject({ url: '/ok?x=1' });
    await app.inject({ url: '/boom' });
    await app.close();
    const requests = lines.filter((l) => l.req || l.res);
    expect(requests.filter((l) => l.msg === 'incoming request')).toEqual([]);
    expect(requests[0]).toMatchObject({
      msg: 'request completed',
      req: { method: 'GET', url: '/ok?x=1' },
      res: { statusCode: 200 },
    });
    expect(typeof requests[0]!.responseTime).toBe('number');
    // A failing request still leaves its error, as Fastify logs it, and its completion line.
    expect(lines.some((l) => l.msg === 'boom' && l.level === 50)).toBe(true);
    expect(requests.at(-1)).toMatchObject({ req: { url: '/boom' }, res: { statusCode: 500 } });
  });
});
