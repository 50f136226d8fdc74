import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { router } from '../../../core/http/route.ts';
import type { Services } from '../../../core/services.ts';
import {
  placeSchema,
  villageChildrenQuery,
  villageSearchQuery,
  villageSearchResult,
} from '../pairing.schemas.ts';
import { childrenOf, searchVillages } from './village.directory.ts';

const tags = ['万企兴万村'];
// Reference data (the published code list), the same for every reader.
const access = { permission: 'work.read', scope: 'global' } as const;

/** The village picker: province → city → county → township → village, and a search within a county. */
export function villageRoutes(app: FastifyInstance, _s: Services) {
  const r = router(app);
  r.get('/api/villages', {
    config: { access },
    schema: {
      tags,
      operationId: 'listPlaces',
      summary:
        '区划代码逐级选取：不带上级代码为各省，2 位为市，4 位为县，6 位为乡镇（街道），9 位为村（社区）',
      querystring: villageChildrenQuery,
      response: { 200: z.array(placeSchema) },
    },
    handler: (req) => childrenOf(req.query.parent),
  });
  r.get('/api/villages/search', {
    config: { access },
    schema: {
      tags,
      operationId: 'searchVillages',
      summary: '在一个县（区）内按名称查找村（社区），最多 50 个',
      querystring: villageSearchQuery,
      response: { 200: villageSearchResult },
    },
    handler: (req) => searchVillages(req.query.county, req.query.q, 50),
  });
}
