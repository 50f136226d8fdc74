// The security headers (CSP, frame-ancestors, HSTS behind the HTTPS proxy …) on every answer. helmet
// works out the header values from its options; @fastify/helmet did so on every request (parsing the
// CSP directives anew each time, about 40 µs). The options never change while the app runs and no route
// asks for its own (no CSP nonces), so the values are worked out once, by helmet itself, and set as
// they are on each answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/** The app's policy: same-origin everything, no framing, HSTS only behind the HTTPS proxy. */
export function helmetOptions(httpsProxy: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: httpsProxy ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  };
}

/** The headers helmet sets for these options, and those it removes (X-Powered-By). */
function helmetHeaders(options: HelmetOptions): { set: Array<[string, string]>; removed: string[] } {
  const set = new Map<string, string>();
  const removed: string[] = [];
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    },
    removeHeader(name: string) {
      set.delete(name.toLowerCase());
      removed.push(name.toLowerCase());
    },
  };
  let called = false;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error('helmet refused its options');
    called = true;
  });
  if (!called) throw new Error('helmet did not finish synchronously');
  return { set: [...set], removed };
}

async function securityHeaders(app: FastifyInstance, options: HelmetOptions) {
  const { set, removed } = helmetHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of set) raw.setHeader(name, value);
    for (const name of removed) raw.removeHeader(name);
    done();
  });
}

export default fp(securityHeaders, { name: 'luoshi-security-headers' });
