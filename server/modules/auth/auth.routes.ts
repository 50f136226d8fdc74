import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sessionIdOf } from '../../core/auth/sessions.ts';
import { findSessionById } from '../../core/auth/session.repository.ts';
import { appError } from '../../core/errors.ts';
import { noBody, router } from '../../core/http/route.ts';
import { sessionCookieName } from '../../core/http/session.plugin.ts';
import type { Services } from '../../core/services.ts';
import {
  changePassword,
  confirmTotpEnrolment,
  getPasswordPolicy,
  login,
  logout,
  startTotpEnrolment,
  verifySecondFactor,
} from './auth.service.ts';
import { getMe, getMeOfRequest, meSchema } from './me.ts';

export function authRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const tags = ['登录与账户'];
  const cookieName = sessionCookieName(s.config.httpsProxy);
  const signedIn = z.object({ user: meSchema, csrfToken: z.string() });

  // The clearing cookie carries the same attributes: browsers ignore a __Host- cookie without Secure.
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: s.config.httpsProxy,
  } as const;
  function setSessionCookie(reply: FastifyReply, token: string) {
    reply.setCookie(cookieName, token, cookieOptions);
  }

  async function csrfOf(req: FastifyRequest, token?: string): Promise<string> {
    const id = token ? sessionIdOf(token) : req.session?.id;
    const session = id ? await findSessionById(s.db.kysely, id) : undefined;
    if (!session) throw appError('UNAUTHENTICATED');
    return session.csrf_token;
  }

  r.post('/api/auth/login', {
    config: {
      access: { permission: 'public', scope: 'none' },
      rateLimit: { max: s.config.loginRatePerMinute, timeWindow: 60_000 },
      noStore: true,
    },
    schema: {
      operationId: 'login',
      tags,
      summary: '登录（用户名和密码）',
      body: z.strictObject({
        username: z.string().trim().min(1).max(64),
        password: z.string().min(1).max(256),
      }),
      response: {
        200: z.union([
          signedIn,
          z.object({ totpRequired: z.literal(true), csrfToken: z.string() }),
          z.object({ totpEnrolmentRequired: z.literal(true), csrfToken: z.string() }),
        ]),
      },
    },
    handler: async (req, reply) => {
      const outcome = await login(s, req.ctx, {
        ...req.body,
        userAgent: req.headers['user-agent'] ?? '',
        // A new session id at every login: the session this browser had (fixation) ends once a new one
        // is made. A failed login leaves it alone.
        replacesSessionId: req.session?.id ?? null,
      });
      setSessionCookie(reply, outcome.token);
      const csrfToken = await csrfOf(req, outcome.token);
      if (outcome.kind === 'totp-required') return { totpRequired: true as const, csrfToken };
      if (outcome.kind === 'totp-enrolment-required')
        return { totpEnrolmentRequired: true as const, csrfToken };
      return { user: await getMe(s, outcome.userId, sessionIdOf(outcome.token)), csrfToken };
    },
  });

  r.post('/api/auth/totp', {
    config: {
      access: { permission: 'session', scope: 'self', duringSetup: true },
      rateLimit: { max: s.config.loginRatePerMinute, timeWindow: 60_000 },
      noStore: true,
    },
    schema: {
      operationId: 'verifyTotp',
      tags,
      summary: '登录第二步：动态验证码',
      body: z.strictObject({ code: z.string().trim() }),
      response: { 200: signedIn },
    },
    handler: async (req, reply) => {
      const actor = req.actor!;
      if (req.pendingSetup !== 'totp') throw appError('BAD_REQUEST', '当前无需输入动态验证码');
      const { token } = await verifySecondFactor(s, req.ctx, actor.sessionId, actor.userId, req.body.code);
      setSessionCookie(reply, token);
      return { user: await getMe(s, actor.userId, sessionIdOf(token)), csrfToken: await csrfOf(req, token) };
    },
  });

  r.post('/api/auth/totp/enrol', {
    config: { access: { permission: 'session', scope: 'self', duringSetup: true }, noStore: true },
    schema: {
      operationId: 'startTotpEnrolment',
      tags,
      summary: '开始绑定或更换动态验证码（已登录时须提供当前密码）',
      body: z.strictObject({ currentPassword: z.string().min(1).max(256).optional() }).nullish(),
      response: { 200: z.object({ secret: z.string(), uri: z.string() }) },
    },
    handler: (req) => {
      if (req.pendingSetup === 'totp') throw appError('TOTP_REQUIRED', '请先完成动态验证码验证');
      return startTotpEnrolment(s, req.ctx, req.actor!.userId, {
        duringSignIn: req.pendingSetup === 'totp-enrolment',
        currentPassword: req.body?.currentPassword,
      });
    },
  });

  r.post('/api/auth/totp/confirm', {
    config: { access: { permission: 'session', scope: 'self', duringSetup: true }, noStore: true },
    schema: {
      operationId: 'confirmTotpEnrolment',
      tags,
      summary: '确认绑定动态验证码',
      body: z.strictObject({ code: z.string().trim() }),
      response: { 200: signedIn },
    },
    handler: async (req, reply) => {
      const actor = req.actor!;
      if (req.pendingSetup === 'totp') throw appError('TOTP_REQUIRED', '请先完成动态验证码验证');
      const { token } = await confirmTotpEnrolment(s, req.ctx, actor.sessionId, actor.userId, req.body.code);
      setSessionCookie(reply, token);
      return { user: await getMe(s, actor.userId, sessionIdOf(token)), csrfToken: await csrfOf(req, token) };
    },
  });

  r.post('/api/auth/logout', {
    config: { access: { permission: 'session', scope: 'self', duringSetup: true } },
    schema: { operationId: 'logout', tags, summary: '退出登录', body: noBody },
    handler: async (req, reply) => {
      await logout(s, req.ctx, req.actor!);
      reply.clearCookie(cookieName, cookieOptions);
      // The browser also drops what it kept of this sign-in. Not "cache": the hashed assets stay cached
      // (API answers are not cached anyway).
      reply.header('clear-site-data', '"cookies", "storage"');
      return reply.status(204).send();
    },
  });

  r.get('/api/auth/me', {
    config: { access: { permission: 'session', scope: 'self', duringSetup: true }, noStore: true },
    schema: { operationId: 'getMe', tags, summary: '当前用户', response: { 200: meSchema } },
    handler: (req) => getMeOfRequest(s, req.actor!, req.session!, req.pendingSetup),
  });

  // The password form reads the policy in force (a security administrator may change it) rather than a
  // copy of its own; a user who must change their password first may read it too. The server still
  // checks every new password.
  r.get('/api/auth/password-policy', {
    config: { access: { permission: 'session', scope: 'self', duringSetup: true } },
    schema: {
      operationId: 'getPasswordPolicy',
      tags,
      summary: '密码策略（修改密码时的要求）',
      response: {
        200: z.object({
          minLength: z.number().int(),
          minClasses: z.number().int(),
          forbidUsername: z.boolean(),
          rules: z.array(z.object({ id: z.string(), text: z.string() })),
        }),
      },
    },
    handler: () => getPasswordPolicy(s),
  });

  r.post('/api/auth/password', {
    config: {
      access: { permission: 'session', scope: 'self', duringSetup: true },
      rateLimit: { max: s.config.loginRatePerMinute, timeWindow: 60_000 },
    },
    schema: {
      operationId: 'changePassword',
      tags,
      summary: '修改密码',
      body: z.strictObject({
        currentPassword: z.string().min(1).max(256),
        newPassword: z.string().min(1).max(256),
      }),
    },
    handler: async (req, reply) => {
      if (req.pendingSetup === 'totp' || req.pendingSetup === 'totp-enrolment')
        throw appError('TOTP_REQUIRED');
      await changePassword(s, req.ctx, {
        userId: req.actor!.userId,
        sessionId: req.actor!.sessionId,
        ...req.body,
      });
      return reply.status(204).send();
    },
  });
}
