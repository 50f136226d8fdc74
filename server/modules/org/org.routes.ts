import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/http/pagination.ts';
import { router } from '../../core/http/route.ts';
import { requireIfMatch, setEtag } from '../../core/http/versioning.ts';
import type { Services } from '../../core/services.ts';
import {
  codeParam,
  idParam,
  recordStatus,
  regionCreateBody,
  regionSchema,
  regionUpdateBody,
  unitCreateBody,
  unitSchema,
  unitUpdateBody,
} from './org.schemas.ts';
import { createRegion, getRegion, listRegionsInScope, updateRegionByCode } from './region.service.ts';
import { createUnit, getUnit, listUnitsInScope, updateUnitById } from './unit.service.ts';

export function orgRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const tags = ['组织机构'];

  r.get('/api/regions', {
    config: { access: { permission: 'org.read', scope: 'data' } },
    schema: {
      tags,
      summary: '行政区划列表',
      querystring: z.strictObject({
        parentCode: z.string().optional(),
        q: z.string().max(40).optional(),
        ...pageQuery,
      }),
      response: { 200: pageSchema(regionSchema) },
    },
    handler: (req) => listRegionsInScope(s, req.ctx, req.query),
  });

  r.get('/api/regions/:code', {
    config: { access: { permission: 'org.read', scope: 'data' } },
    schema: { tags, summary: '行政区划详情', params: codeParam, response: { 200: regionSchema } },
    handler: async (req, reply) => {
      const region = await getRegion(s, req.ctx, req.params.code);
      setEtag(reply, region.version);
      return region;
    },
  });

  r.post('/api/regions', {
    config: { access: { permission: 'org.write', scope: 'global', idempotent: true } },
    schema: { tags, summary: '新建行政区划', body: regionCreateBody, response: { 201: regionSchema } },
    handler: async (req, reply) => {
      const region = await createRegion(s, req.ctx, req.body);
      setEtag(reply, region.version);
      return reply.status(201).send(region);
    },
  });

  r.patch('/api/regions/:code', {
    config: { access: { permission: 'org.write', scope: 'global' } },
    schema: {
      tags,
      summary: '修改行政区划',
      params: codeParam,
      body: regionUpdateBody,
      response: { 200: regionSchema },
    },
    handler: async (req, reply) => {
      const region = await updateRegionByCode(s, req.ctx, req.params.code, requireIfMatch(req), req.body);
      setEtag(reply, region.version);
      return region;
    },
  });

  r.get('/api/units', {
    config: { access: { permission: 'org.read', scope: 'data' } },
    schema: {
      tags,
      summary: '单位列表',
      querystring: z.strictObject({
        regionCode: z.string().optional(),
        q: z.string().max(40).optional(),
        status: recordStatus.optional(),
        ...pageQuery,
      }),
      response: { 200: pageSchema(unitSchema) },
    },
    handler: (req) => listUnitsInScope(s, req.ctx, req.query),
  });

  r.get('/api/units/:id', {
    config: { access: { permission: 'org.read', scope: 'data' } },
    schema: { tags, summary: '单位详情', params: idParam, response: { 200: unitSchema } },
    handler: async (req, reply) => {
      const unit = await getUnit(s, req.ctx, req.params.id);
      setEtag(reply, unit.version);
      return unit;
    },
  });

  r.post('/api/units', {
    config: { access: { permission: 'org.write', scope: 'global', idempotent: true } },
    schema: { tags, summary: '新建单位', body: unitCreateBody, response: { 201: unitSchema } },
    handler: async (req, reply) => {
      const unit = await createUnit(s, req.ctx, req.body);
      setEtag(reply, unit.version);
      return reply.status(201).send(unit);
    },
  });

  r.patch('/api/units/:id', {
    config: { access: { permission: 'org.write', scope: 'global' } },
    schema: {
      tags,
      summary: '修改或停用单位',
      params: idParam,
      body: unitUpdateBody,
      response: { 200: unitSchema },
    },
    handler: async (req, reply) => {
      const unit = await updateUnitById(s, req.ctx, req.params.id, requireIfMatch(req), req.body);
      setEtag(reply, unit.version);
      return unit;
    },
  });
}
