// `node --import tsx bench/hooks.bench.ts`: what each per-request plugin of server/app.ts costs, measured
// as CPU microseconds per request over in-process requests (light-my-request, no sockets), each
// configuration adding one piece to a bare route. The figures back docs/decisions/request-hooks.md.
import fs from 'node:fs';
import cookie from '@fastify/cookie';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import securityHeaders, { helmetOptions } from '../server/core/http/security-headers.ts';
import { responseSerializerCompiler } from '../server/core/http/serializer.ts';
import { AccessLog } from '../server/logger.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3_000);
// Rounds over all configurations in turn; the least time of each is kept (other work on the machine
// only ever adds time).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

// The shape of a plans-list page: 20 summaries.
const summary = z.object({
  id: z.number().int(),
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  year: z.number().int(),
  title: z.string(),
  status: z.enum(['draft', 'published']),
  version: z.number().int(),
  itemCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
const pageSchema = z.object({ items: z.array(summary), nextCursor: z.string().nullable() });
const page = {
  items: Array.from({ length: 20 }, (_, i) => ({
    id: i + 1,
    region: { code: '370000', name: '山东省', level: 'province' },
    year: 2022,
    title: '2022年全省统战工作要点',
    status: 'published' as const,
    version: 3,
    itemCount: 48,
    createdAt: '2022-01-05T09:00:00+08:00',
    updatedAt: '2022-01-06T09:00:00+08:00',
    publishedAt: '2022-01-06T09:00:00+08:00',
  })),
  nextCursor: null,
};

interface Step {
  name: string;
  options?: FastifyServerOptions;
  setup(app: FastifyInstance): Promise<void> | void;
}

// Synchronous writes to /dev/null: the cost of formatting and writing a line, without a buffer that an
// in-process loop would let grow.
const devNull = fs.openSync('/dev/null', 'w');
const logger = { level: 'info', stream: { write: (line: string) => fs.writeSync(devNull, line) } };

// Each configuration is the bare route plus one piece (the serialisers replace JSON.stringify), so each
// line's "vs bare" is what that piece costs; where a piece was replaced, both versions are measured.
const steps: Step[] = [
  { name: 'bare route (JSON.stringify)', setup: () => {} },
  { name: 'Zod response, encoded (type provider)', setup: (app) => zodResponse(app, serializerCompiler) },
  {
    name: 'Zod response, parsed (serializer.ts)',
    setup: (app) => zodResponse(app, responseSerializerCompiler),
  },
  {
    name: '@fastify/helmet (built per request)',
    setup: async (app) => {
      await app.register(fastifyHelmet, helmetOptions(false) as unknown as FastifyHelmetOptions);
    },
  },
  {
    name: 'security headers (worked out once)',
    setup: async (app) => {
      await app.register(securityHeaders, helmetOptions(false));
    },
  },
  {
    name: 'cookie parser',
    setup: async (app) => {
      await app.register(cookie);
    },
  },
  {
    name: 'rate-limit plugin (global: false)',
    setup: async (app) => {
      await app.register(rateLimit, { global: false });
    },
  },
  { name: 'request logging, 2 lines (Fastify)', options: { logger }, setup: () => {} },
  {
    name: 'request logging, 1 line (AccessLog)',
    options: { logger, logController: new AccessLog() },
    setup: () => {},
  },
];

function zodResponse(app: FastifyInstance, compiler: FastifySerializerCompiler<never>) {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compiler);
  app.get('/page-zod', { schema: { response: { 200: pageSchema } } }, () => page);
}

async function measure(step: Step): Promise<number> {
  const app = Fastify(step.options ?? { logger: false });
  await step.setup(app);
  if (!app.hasRoute({ method: 'GET', url: '/page-zod' })) app.get('/page-zod', () => page);
  await app.ready();
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) await app.inject({ method: 'GET', url: '/page-zod' });
  };
  await run(2000);
  const before = process.cpuUsage();
  await run(REQUESTS);
  const used = process.cpuUsage(before);
  await app.close();
  return (used.user + used.system) / REQUESTS;
}

export async function main() {
  const best = steps.map(() => Infinity);
  for (let round = 0; round < ROUNDS; round++)
    for (const [i, step] of steps.entries()) best[i] = Math.min(best[i]!, await measure(step));
  const results = steps.map((step, i): [string, number] => [step.name, best[i]!]);
  const bare = results[0]![1];
  console.log(`${'configuration'.padEnd(46)}${'µs CPU/req'.padStart(11)}${'vs bare'.padStart(9)}`);
  for (const [name, us] of results)
    console.log(`${name.padEnd(46)}${us.toFixed(1).padStart(11)}${`+${(us - bare).toFixed(1)}`.padStart(9)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
