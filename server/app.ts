import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { apiDocumentObject } from './core/http/api-document.ts';
import type { Config } from './config.ts';
import { AccessLog, loggerOptions } from './logger.ts';
import type { Db } from './db/connect.ts';
import { type Checkpointer, startAuditCheckpoints } from './core/audit/audit.checkpointer.ts';
import { AuditKeyring } from './core/audit/audit.keys.ts';
import { AuditLog } from './core/audit/audit.service.ts';
import { type Clock, systemClock } from './core/clock.ts';
import { SecretBox } from './core/crypto.ts';
import { PersonalDataBox } from './core/personal-data.ts';
import { Signer } from './core/signing.ts';
import { LocalFileStore } from './core/files/file-store.ts';
import accessPlugin from './core/http/access.plugin.ts';
import errorsPlugin from './core/http/errors.plugin.ts';
import { appError } from './core/errors.ts';
import idempotencyPlugin from './core/http/idempotency.plugin.ts';
import { guardedValidatorCompiler } from './core/http/input.guard.ts';
import { responseSerializerCompiler } from './core/http/serializer.ts';
import securityHeaders, { helmetOptions } from './core/http/security-headers.ts';
import sessionPlugin, { sessionCookieName } from './core/http/session.plugin.ts';
import { inboxChannel } from './core/notify/inbox.channel.ts';
import { LiveInbox } from './core/notify/live.ts';
import { createNotifier } from './core/notify/notify.ts';
import type { Services } from './core/services.ts';
import { attachmentRoutes } from './modules/attachments/attachment.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { authenticate } from './modules/auth/authenticate.ts';
import { homeRoutes } from './modules/home/home.routes.ts';
import { inboxRoutes } from './modules/inbox/inbox.routes.ts';
import { instructionRoutes } from './modules/instructions/instruction.routes.ts';
import { watchRoutes } from './modules/instructions/watch.routes.ts';
import { bulletinRoutes } from './modules/bulletins/index.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { reminderRoutes } from './modules/reminders/index.ts';
import { channelRoutes } from './modules/channels/channel.routes.ts';
import { contactsRoutes } from './modules/contacts/index.ts';
import { pairingsRoutes } from './modules/pairings/index.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { outboundChannel } from './modules/channels/index.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { MAX_UPLOAD_BYTES } from './modules/plans/import/import.limits.ts';
import { planRoutes } from './modules/plans/plan.routes.ts';
import { userRoutes } from './modules/org/user.routes.ts';
import { securityRoutes } from './modules/security/security.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { noticeRoutes } from './modules/notices/index.ts';
import { caseRoutes } from './modules/cases/index.ts';
import { reportRoutes } from './modules/tasks/reports/report.routes.ts';
import { taskRoutes } from './modules/tasks/task.routes.ts';
import { taskExcelRoutes } from './modules/tasks/excel/excel.routes.ts';
import { activityRoutes } from './modules/activities/index.ts';
import { trainingRoutes } from './modules/training/index.ts';

const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIST = path.join(ROOT_DIR, 'dist');

export interface AppOptions {
  config: Config;
  db: Db;
  secretKey: Buffer;
  clock?: Clock;
  logger?: boolean;
  // Off only for a throw-away app (the OpenAPI render on an in-memory database): no chain to checkpoint.
  auditCheckpoints?: boolean;
  // The built web app's folder; dist/ unless a test serves one of its own.
  webDist?: string;
}

export function buildServices(opts: AppOptions): Services {
  const clock = opts.clock ?? systemClock;
  const auditKeys = new AuditKeyring(opts.secretKey, opts.config.retiredSecretKeys);
  const live = new LiveInbox(opts.db);
  return {
    config: opts.config,
    db: opts.db,
    clock,
    audit: new AuditLog(opts.db, clock, auditKeys),
    auditKeys,
    secrets: new SecretBox(opts.secretKey),
    personalData: new PersonalDataBox(opts.secretKey, opts.config.retiredSecretKeys),
    files: new LocalFileStore(path.join(opts.config.dataDir, 'files')),
    // The in-app inbox, the wake-up call to its live streams, and e-mail and webhooks (sent by jobs).
    notify: createNotifier({ clock, channels: [inboxChannel, live.channel, outboundChannel] }),
    live,
    signer: new Signer(opts.secretKey),
  };
}

// Every route registered on an app, with its declared access; the route test reads it to fail on any
// route without a declaration.
const registeredRoutes = new WeakMap<FastifyInstance, RouteOptions[]>();

export function listRoutes(app: FastifyInstance): readonly RouteOptions[] {
  return registeredRoutes.get(app) ?? [];
}

// Registers core plugins and every module. Nothing here knows about a particular database or port.
export async function buildApp(opts: AppOptions): Promise<{ app: FastifyInstance; services: Services }> {
  const s = buildServices(opts);
  const app = Fastify({
    logger: opts.logger === false ? false : loggerOptions(opts.config),
    logController: new AccessLog(),
    // X-Forwarded-For is believed only from the configured proxies: anyone else could choose the address
    // that rate limits and the audit log see.
    trustProxy: opts.config.trustedProxies.length ? opts.config.trustedProxies : false,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  });
  const routes: RouteOptions[] = [];
  registeredRoutes.set(app, routes);
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onRequest', async (req, reply) => {
    // Every commit that ended before this request began is seen by its read caches (db/read-cache.ts).
    opts.db.lookAgain();
    if (req.routeOptions.config.noStore) reply.header('cache-control', 'no-store');
  });
  app.setValidatorCompiler(guardedValidatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);

  await app.register(errorsPlugin);
  // API answers of 1 KB and more are compressed (brotli at a fast level, or gzip) when the client
  // accepts it. Only GET answers outside /api/auth/: answers carrying a secret (the CSRF token, a
  // one-time password) are never compressed, since with chosen text beside a secret the compressed
  // size leaks it (BREACH). The web app's files come pre-compressed and opt out; a route that streams
  // server-sent events must opt out with `compress: false` as well.
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (!methods.every((m) => m === 'GET' || m === 'HEAD') || route.url.startsWith('/api/auth/')) {
      route.compress = false;
    }
  });
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie);
  await app.register(securityHeaders, helmetOptions(opts.config.httpsProxy));
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`,
    }),
  });
  // Plan documents (.txt, .docx) are uploaded for preview; one file of at most 10 MB (the unpacked
  // content is bounded separately, plans/import/import.limits.ts).
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '落实 Luoshi API', version: '0.1.0', description: '统战工作落实平台接口' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'luoshi_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: apiDocumentObject,
  });
  // The API browser describes every route: in production only signed-in users see it.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiHooks: {
      onRequest: (req, _reply, done) => {
        done(opts.config.env === 'production' && !req.actor ? appError('UNAUTHENTICATED') : undefined);
      },
    },
  });
  await app.register(sessionPlugin, {
    cookieName: sessionCookieName(s.config.httpsProxy),
    authenticate: (cookie) => authenticate(s, cookie),
  });
  await app.register(accessPlugin, s);
  await app.register(idempotencyPlugin, s);

  app.get(
    '/api/openapi.json',
    {
      config: {
        access: { permission: opts.config.env === 'production' ? 'session' : 'public', scope: 'none' },
      },
      schema: { hide: true },
    },
    () => app.swagger(),
  );
  systemRoutes(app, s);
  authRoutes(app, s);
  orgRoutes(app, s);
  userRoutes(app, s);
  securityRoutes(app, s);
  auditRoutes(app, s);
  planRoutes(app, s);
  taskRoutes(app, s);
  noticeRoutes(app, s);
  caseRoutes(app, s);
  attachmentRoutes(app, s);
  reportRoutes(app, s);
  taskExcelRoutes(app, s);
  homeRoutes(app, s);
  inboxRoutes(app, s);
  calendarRoutes(app, s);
  reminderRoutes(app, s);
  channelRoutes(app, s);
  dashboardRoutes(app, s);
  instructionRoutes(app, s);
  watchRoutes(app, s);
  bulletinRoutes(app, s);
  contactsRoutes(app, s);
  pairingsRoutes(app, s);
  activityRoutes(app, s);
  trainingRoutes(app, s);

  await registerWebApp(app, opts.webDist ?? WEB_DIST);

  // Checkpoints of the audit chain head start once the app is ready and end with a last one on close,
  // before the caller closes the database.
  let checkpoints: Checkpointer | undefined;
  app.addHook('onReady', async () => {
    if (opts.auditCheckpoints === false) return;
    checkpoints = startAuditCheckpoints(s, app.log);
    await checkpoints.checkpoint();
  });
  app.addHook('onClose', async () => {
    await checkpoints?.stop();
  });
  return { app, services: s };
}

// The built single-page app: files from dist/, and index.html for any other non-API GET so client-side
// routes survive a reload. Files are sent as built: brotli or gzip copies made at build time (chosen by
// Accept-Encoding), hashed assets cached for a year, everything else revalidated on each load
// (docs/decisions/web-static-serving.md).
async function registerWebApp(app: FastifyInstance, webDist: string) {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) return;
  // Vite's output for hashed files: a changed file gets a new name, so these never need revalidating.
  const assets = path.join(webDist, 'assets');
  await app.register(fastifyStatic, {
    root: webDist,
    serve: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, file) => {
      const hashed = file.startsWith(assets + path.sep);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // Already compressed (or not worth it): @fastify/compress leaves these alone.
  app.get('/*', { schema: { hide: true }, compress: false }, (req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply
        .status(404)
        .send({ code: 'NOT_FOUND', message: `请求的资源不存在：${req.method} ${req.url.split('?')[0]}` });
    }
    const urlPath = safeDecode(req.url.split('?')[0] ?? '/');
    const file = urlPath === null ? null : path.join(webDist, urlPath);
    if (file?.startsWith(webDist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(webDist, file));
    }
    // A missing asset is a 404, not the app: a tab open across a redeploy then reloads cleanly instead
    // of failing to import a chunk that no longer exists.
    if (urlPath === null || urlPath.startsWith('/assets/')) {
      return reply.status(404).send({ code: 'NOT_FOUND', message: '请求的资源不存在' });
    }
    return reply.sendFile('index.html');
  });
}

function safeDecode(urlPath: string): string | null {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return null;
  }
}
