import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/http/pagination.ts';
import { noBody, router } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import {
  idParam,
  recordStatus,
  userCreateBody,
  userRolesBody,
  userSchema,
  userUpdateBody,
} from './org.schemas.ts';
import {
  createUser,
  getUser,
  listUsersPage,
  resetUserPassword,
  resetUserTotp,
  setUserRoles,
  unlockUser,
  updateUser,
} from './user.service.ts';
import { rowId } from '../../core/http/row-id.ts';

export function userRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const tags = ['用户'];
  const initialPassword = z.object({ initialPassword: z.string() });

  r.get('/api/users', {
    config: { access: { permission: 'user.read', scope: 'global' } },
    schema: {
      operationId: 'listUsers',
      tags,
      summary: '用户列表',
      querystring: z.strictObject({
        q: z.string().max(40).optional(),
        unitId: rowId.optional(),
        status: recordStatus.optional(),
        ...pageQuery,
      }),
      response: { 200: pageSchema(userSchema) },
    },
    handler: (req) => listUsersPage(s, req.query),
  });

  r.get('/api/users/:id', {
    config: { access: { permission: 'user.read', scope: 'global' } },
    schema: {
      operationId: 'getUser',
      tags,
      summary: '用户详情',
      params: idParam,
      response: { 200: userSchema },
    },
    handler: async (req, reply) => withEtag(reply, await getUser(s, req.params.id)),
  });

  r.post('/api/users', {
    config: { access: { permission: 'user.write', scope: 'global', idempotent: true }, noStore: true },
    schema: {
      operationId: 'createUser',
      tags,
      summary: '新建用户（返回一次性初始密码）',
      body: userCreateBody,
      response: { 201: z.object({ user: userSchema, initialPassword: z.string() }) },
    },
    handler: async (req, reply) => reply.status(201).send(await createUser(s, req.ctx, req.body)),
  });

  r.patch('/api/users/:id', {
    config: { access: { permission: 'user.write', scope: 'global' } },
    schema: {
      operationId: 'updateUser',
      tags,
      summary: '修改或停用用户',
      params: idParam,
      body: userUpdateBody,
      response: { 200: userSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await updateUser(s, req.ctx, req.params.id, requireIfMatch(req), req.body)),
  });

  r.put('/api/users/:id/roles', {
    config: { access: { permission: 'role.assign', scope: 'global' } },
    schema: {
      operationId: 'setUserRoles',
      tags,
      summary: '设置用户角色（安全管理员）',
      params: idParam,
      body: userRolesBody,
      response: { 200: userSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await setUserRoles(s, req.ctx, req.params.id, requireIfMatch(req), req.body.roles)),
  });

  r.post('/api/users/:id/password-reset', {
    config: { access: { permission: 'user.write', scope: 'global' }, noStore: true },
    schema: {
      operationId: 'resetUserPassword',
      tags,
      summary: '重置密码（返回一次性密码）',
      body: noBody,
      params: idParam,
      response: { 200: initialPassword },
    },
    handler: (req) => resetUserPassword(s, req.ctx, req.params.id),
  });

  r.post('/api/users/:id/unlock', {
    config: { access: { permission: 'user.write', scope: 'global' } },
    schema: {
      operationId: 'unlockUser',
      tags,
      summary: '解除锁定',
      params: idParam,
      body: noBody,
      response: { 200: userSchema },
    },
    handler: (req) => unlockUser(s, req.ctx, req.params.id),
  });

  r.post('/api/users/:id/totp-reset', {
    config: { access: { permission: 'role.assign', scope: 'global' } },
    schema: {
      operationId: 'resetUserTotp',
      tags,
      summary: '重置动态验证码（安全管理员）',
      params: idParam,
      body: noBody,
      response: { 200: userSchema },
    },
    handler: (req) => resetUserTotp(s, req.ctx, req.params.id),
  });
}
