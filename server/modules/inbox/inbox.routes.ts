import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { keyedBy, noBody, router, scopedRecord } from '../../core/http/route.ts';
import type { Services } from '../../core/services.ts';
import {
  inboxPage,
  inboxQuery,
  messageParams,
  readAll,
  readAllBody,
  readOne,
  unreadCount as unreadCountSchema,
} from './inbox.schemas.ts';
import { messageResource } from './inbox.resource.ts';
import { listInbox, readAllMessages, readMessage, unreadCount } from './inbox.service.ts';
import { openInboxStream } from './inbox.stream.ts';

/** 站内消息: every route works on the signed-in user's own messages only. */
export function inboxRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const tags = ['站内消息'];
  const access = { permission: 'session', scope: 'self' } as const;

  r.get('/api/inbox', {
    config: { access },
    schema: {
      tags,
      operationId: 'listInbox',
      summary: '我的消息（最新在前；unread=true 只列未读），附未读数',
      querystring: inboxQuery,
      response: { 200: inboxPage },
    },
    handler: (req) => listInbox(s, req.ctx, req.query),
  });

  // Open streams would keep the server from closing: end them first (browsers reconnect elsewhere).
  app.addHook('preClose', (done) => {
    s.live.endAll();
    done();
  });
  // Server-sent events: hijacks the reply and never compresses it (a compressor would hold the events).
  r.get('/api/inbox/stream', {
    config: { access },
    compress: false,
    schema: {
      tags,
      operationId: 'streamInbox',
      summary:
        '我的消息实时推送（text/event-stream）：打开时及有新消息时发送 inbox 事件 {unread, latestId}；会话结束时发送 end 事件',
      response: { 200: z.string().describe('text/event-stream') },
    },
    handler: (req, reply) => openInboxStream(s, req, reply),
  });

  r.get('/api/inbox/unread-count', {
    config: { access },
    schema: {
      tags,
      operationId: 'getUnreadCount',
      summary: '我的未读消息数',
      response: { 200: unreadCountSchema },
    },
    handler: (req) => unreadCount(s, req.ctx),
  });

  // Keyed by a record, so the data-scope guard loads it: one's own message only (inbox.resource.ts).
  r.post('/api/inbox/:id/read', {
    config: {
      access: { permission: 'session', scope: 'data', record: keyedBy(messageResource, 'id') },
    },
    schema: {
      tags,
      operationId: 'markMessageRead',
      summary: '标记一条消息为已读（他人的消息答 404）',
      params: messageParams,
      body: noBody,
      response: { 200: readOne },
    },
    handler: (req) => readMessage(s, req.ctx, scopedRecord(req, messageResource)),
  });

  r.post('/api/inbox/read-all', {
    config: { access },
    schema: {
      tags,
      operationId: 'markAllMessagesRead',
      summary: '全部标记为已读（可限于页面上看到的最新一条及更早的消息）',
      body: readAllBody,
      response: { 200: readAll },
    },
    handler: (req) => readAllMessages(s, req.ctx, req.body),
  });
}
