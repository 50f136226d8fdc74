import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/http/pagination.ts';
import { keyedBy, router, scopedRecord } from '../../core/http/route.ts';
import { requireIfMatch, withEtag } from '../../core/http/versioning.ts';
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
import {
  createRegion,
  listRegionsInScope,
  regionResource,
  regionRowToRegion,
  updateRegionByCode,
} from './region.service.ts';
import { createUnit, listUnitsInScope, unitResource, unitRowToUnit, updateUnitById } from './unit.service.ts';

export function orgRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const tags = ['组织机构'];

  r.get('/api/regions', {
    config: { access: { permission: 'org.read', scope: 'data' } },
    schema: {
      operationId: 'listRegions',
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
    config: { access: { permission: 'org.read', scope: 'data', record: keyedBy(regionResource, 'code') } },
    schema: {
      operationId: 'getRegion',
      tags,
      summary: '行政区划详情',
      params: codeParam,
      response: { 200: regionSchema },
    },
    handler: (req, reply) => withEtag(reply, regionRowToRegion(scopedRecord(req, regionResource))),
  });

  r.post('/api/regions', {
    config: { access: { permission: 'org.write', scope: 'global', idempotent: true } },
    schema: {
      operationId: 'createRegion',
      tags,
      summary: '新建行政区划',
      body: regionCreateBody,
      response: { 201: regionSchema },
    },
    handler: async (req, reply) =>
      reply.status(201).send(withEtag(reply, await createRegion(s, req.ctx, req.body))),
  });

  r.patch('/api/regions/:code', {
    config: { access: { permission: 'org.write', scope: 'global' } },
    schema: {
      operationId: 'updateRegion',
      tags,
      summary: '修改行政区划',
      params: codeParam,
      body: regionUpdateBody,
      response: { 200: regionSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await updateRegionByCode(s, req.ctx, req.params.code, requireIfMatch(req), req.body)),
  });

  r.get('/api/units', {
    config: { access: { permission: 'org.read', scope: 'data' } },
    schema: {
      operationId: 'listUnits',
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
    config: { access: { permission: 'org.read', scope: 'data', record: keyedBy(unitResource, 'id') } },
    schema: {
      operationId: 'getUnit',
      tags,
      summary: '单位详情',
      params: idParam,
      response: { 200: unitSchema },
    },
    handler: (req, reply) => withEtag(reply, unitRowToUnit(scopedRecord(req, unitResource))),
  });

  r.post('/api/units', {
    config: { access: { permission: 'org.write', scope: 'global', idempotent: true } },
    schema: {
      operationId: 'createUnit',
      tags,
      summary: '新建单位',
      body: unitCreateBody,
      response: { 201: unitSchema },
    },
    handler: async (req, reply) =>
      reply.status(201).send(withEtag(reply, await createUnit(s, req.ctx, req.body))),
  });

  r.patch('/api/units/:id', {
    config: { access: { permission: 'org.write', scope: 'global' } },
    schema: {
      operationId: 'updateUnit',
      tags,
      summary: '修改或停用单位',
      params: idParam,
      body: unitUpdateBody,
      response: { 200: unitSchema },
    },
    handler: async (req, reply) =>
      withEtag(reply, await updateUnitById(s, req.ctx, req.params.id, requireIfMatch(req), req.body)),
  });
}
