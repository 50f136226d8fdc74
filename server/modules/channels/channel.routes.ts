import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { router } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import {
  channelSettings,
  channelSettingsBody,
  failedDelivery,
  notificationSettings,
  notificationSettingsBody,
  webhook,
  webhookBody,
  webhookParams,
} from './channel.schemas.ts';
import {
  changeWebhook,
  createWebhook,
  getChannelSettings,
  getFailures,
  getMyNotificationSettings,
  getWebhooks,
  removeWebhook,
  retryDelivery,
  updateChannelSettings,
  updateMyNotificationSettings,
} from './channel.service.ts';

const tags = ['通知渠道'];
const read = { permission: 'security.read', scope: 'global' } as const;
const write = { permission: 'security.write', scope: 'global' } as const;

/** 通知渠道: e-mail and webhooks, set by the security administrator; each user's own settings. */
export function channelRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/channels/settings', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'getChannelSettings',
      summary: '邮件发送设置',
      response: { 200: channelSettings },
    },
    handler: async (_req, reply) => withEtag(reply, await getChannelSettings(s)),
  });

  r.put('/api/channels/settings', {
    config: { access: write },
    schema: {
      tags,
      operationId: 'saveChannelSettings',
      summary: '修改邮件发送设置（密码只写不读）',
      body: channelSettingsBody,
      response: { 200: channelSettings },
    },
    handler: async (req, reply) =>
      withEtag(reply, await updateChannelSettings(s, req.ctx, requireIfMatch(req), req.body)),
  });

  r.get('/api/channels/webhooks', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listWebhooks',
      summary: 'Webhook 列表',
      response: { 200: z.array(webhook) },
    },
    handler: () => getWebhooks(s),
  });

  r.post('/api/channels/webhooks', {
    config: { access: { ...write, idempotent: true } },
    schema: {
      tags,
      operationId: 'createWebhook',
      summary: '新增 Webhook（钉钉、企业微信机器人或通用 JSON）',
      body: webhookBody,
      response: { 201: webhook },
    },
    handler: async (req, reply) => reply.status(201).send(await createWebhook(s, req.ctx, req.body)),
  });

  r.put('/api/channels/webhooks/:id', {
    config: { access: write },
    schema: {
      tags,
      operationId: 'updateWebhook',
      summary: '修改 Webhook（If-Match）',
      params: webhookParams,
      body: webhookBody,
      response: { 200: webhook },
    },
    handler: (req) => changeWebhook(s, req.ctx, req.params.id, requireIfMatch(req), req.body),
  });

  r.delete('/api/channels/webhooks/:id', {
    config: { access: write },
    schema: {
      tags,
      operationId: 'deleteWebhook',
      summary: '删除 Webhook（If-Match）',
      params: webhookParams,
    },
    handler: async (req, reply) => {
      await removeWebhook(s, req.ctx, req.params.id, requireIfMatch(req));
      return reply.status(204).send();
    },
  });

  r.get('/api/channels/failures', {
    config: { access: read },
    schema: {
      tags,
      operationId: 'listFailedDeliveries',
      summary: '最终发送失败的通知（最新在前，最多 200 条）',
      response: { 200: z.array(failedDelivery) },
    },
    handler: () => getFailures(s),
  });

  r.post('/api/channels/deliveries/:id/retry', {
    config: { access: write },
    schema: {
      tags,
      operationId: 'retryDelivery',
      summary: '重发一条发送失败的通知',
      params: webhookParams,
      response: { 200: z.object({ retried: z.boolean() }) },
    },
    handler: (req) => retryDelivery(s, req.ctx, req.params.id),
  });

  const self = { permission: 'session', scope: 'self' } as const;
  r.get('/api/me/notification-settings', {
    config: { access: self },
    schema: {
      tags,
      operationId: 'getMyNotificationSettings',
      summary: '我的通知设置（邮箱；各类消息立即发送、每日汇总或仅站内）',
      response: { 200: notificationSettings },
    },
    handler: async (req, reply) => withEtag(reply, await getMyNotificationSettings(s, req.ctx)),
  });

  r.put('/api/me/notification-settings', {
    config: { access: self },
    schema: {
      tags,
      operationId: 'saveMyNotificationSettings',
      summary: '修改我的通知设置（If-Match，首次为 0）',
      body: notificationSettingsBody,
      response: { 200: notificationSettings },
    },
    handler: async (req, reply) =>
      withEtag(reply, await updateMyNotificationSettings(s, req.ctx, requireIfMatch(req), req.body)),
  });
}
