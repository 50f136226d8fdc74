import type { FastifyInstance } from 'fastify';
import { keyedBy, router, scopedRecord } from '../../core/http/route.ts';
import type { Services } from '../../core/services.ts';
import {
  feedQuery,
  feedSchema,
  watchBody,
  watchListQuery,
  watchParams,
  watchSchema,
} from './watch.schemas.ts';
import { addWatch, listMyWatches, removeWatch, watchFeed, watchResource } from './watch.service.ts';
import { z } from 'zod';

const tags = ['我的关注'];

/** The watch-list (关注) and its change feed. */
export function watchRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);

  r.get('/api/watches', {
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'listWatches',
      summary: '我关注的对象（仍在本人范围内的），新关注的在前；可按对象筛选（任务页的“关注”按钮用）',
      querystring: watchListQuery,
      response: { 200: z.array(watchSchema) },
    },
    handler: (req) => listMyWatches(s, req.ctx, req.query),
  });

  r.post('/api/watches', {
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'addWatch',
      summary: '关注一个对象（任务；督办单模块登记后亦可）；已关注时返回原记录（200）',
      body: watchBody,
      response: { 200: watchSchema, 201: watchSchema },
    },
    handler: async (req, reply) => {
      const { created, watch } = await addWatch(s, req.ctx, req.body);
      return reply.status(created ? 201 : 200).send(watch);
    },
  });

  r.delete('/api/watches/:id', {
    config: { access: { permission: 'work.read', scope: 'data', record: keyedBy(watchResource, 'id') } },
    schema: {
      tags,
      operationId: 'removeWatch',
      summary: '取消关注',
      params: watchParams,
    },
    handler: async (req, reply) => {
      await removeWatch(s, req.ctx, scopedRecord(req, watchResource));
      return reply.status(204).send();
    },
  });

  r.get('/api/watches/feed', {
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'watchFeed',
      summary: '关注动态：所关注对象的最新动态，新的在前，按游标分页',
      querystring: feedQuery,
      response: { 200: feedSchema },
    },
    handler: (req) => watchFeed(s, req.ctx, req.query),
  });
}
