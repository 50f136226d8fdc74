// Import (导入): the preview (source text → outline, with the reader's keyword map, before anything is
// saved) and the keyword → unit maps (关键词 → 单位) the parser uses to suggest lead units. Each region
// may keep its own map; a region without one uses its nearest ancestor's, and the province's is the
// default for all (until the province saves one: the parser's DEFAULT_UNIT_KEYWORDS). Staff edit only
// their own region's map (docs/decisions/plan-unit-keywords.md).
import type { Kysely } from 'kysely';
import type { Actor, RequestContext } from '../../../core/access/actor.ts';
import { isInSubtree } from '../../../core/access/scope.ts';
import { toTimestamp } from '../../../core/clock.ts';
import { appError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import type { Database } from '../../../db/schema.ts';
import { outOfScope } from '../../../core/access/guard.ts';
import { findUnitRegionCode } from '../plan.repository.ts';
import { DEFAULT_UNIT_KEYWORDS, type UnitKeyword } from './parser/index.ts';
import { PREVIEW_LIMITS } from './import.limits.ts';
import type { ImportSource } from './import.parse.ts';
import type { ParsePool } from './import.pool.ts';
import { findRegion, listKeywordMaps, saveKeywordMap } from './import.repository.ts';
import { unitKeywordsSchema } from './import.schemas.ts';

// A stored map is read back through the schema it is answered with, so a damaged row fails loudly.
const storedKeywords = unitKeywordsSchema.shape.keywords;

export interface UnitKeywordMap {
  regionCode: string;
  regionName: string;
  /** The region whose map applies (this one or its nearest ancestor with a map); null: the built-in one. */
  source: { code: string; name: string } | null;
  keywords: UnitKeyword[];
  /** Version of this region's own map; 0 while it has none (the first save sends If-Match "0"). */
  version: number;
}

type Region = NonNullable<Awaited<ReturnType<typeof findRegion>>>;

/** The keyword map that applies in a region: its own, else its nearest ancestor's, else the built-in one. */
export async function mapOf(db: Kysely<Database>, region: Region): Promise<UnitKeywordMap> {
  const lineage = region.path.split('/');
  const rows = new Map((await listKeywordMaps(db, lineage)).map((r) => [r.region_code, r]));
  const nearest = lineage
    .reverse()
    .map((code) => rows.get(code))
    .find((row) => row !== undefined);
  return {
    regionCode: region.code,
    regionName: region.name,
    source: nearest ? { code: nearest.region_code, name: nearest.region_name } : null,
    keywords: nearest
      ? storedKeywords.parse(JSON.parse(nearest.keywords))
      : DEFAULT_UNIT_KEYWORDS.map((k) => ({ ...k })),
    version: rows.get(region.code)?.version ?? 0,
  };
}

/** The actor's own region: the region of their data scope (staff, leaders), else of their user or unit. */
async function ownRegion(s: Services, actor: Actor): Promise<Region | undefined> {
  const code =
    actor.scope.kind === 'region'
      ? actor.scope.regionPath.split('/').at(-1)
      : (actor.regionCode ??
        (actor.unitId === null ? undefined : await findUnitRegionCode(s.db.kysely, actor.unitId)));
  return code ? findRegion(s.db.kysely, code) : undefined;
}

function noRegion(): never {
  throw appError('REGION_NOT_FOUND', '你的账户没有所属地区，无法使用关键词对照表；请联系系统管理员');
}

/**
 * A region's map as it applies there. Without `regionCode`, the reader's own region. A reader may look
 * at their own region, its ancestors (whose maps it inherits) and the regions in their data scope.
 */
export async function loadUnitKeywords(
  s: Services,
  ctx: RequestContext,
  regionCode?: string,
): Promise<UnitKeywordMap> {
  const own = await ownRegion(s, ctx.actor!);
  if (regionCode === undefined || regionCode === own?.code) return mapOf(s.db.kysely, own ?? noRegion());
  const region = await findRegion(s.db.kysely, regionCode);
  if (!region) throw appError('REGION_NOT_FOUND');
  const scope = ctx.actor!.scope;
  const visible =
    scope.kind === 'all' ||
    (scope.kind === 'region' && isInSubtree(region.path, scope.regionPath)) ||
    (own !== undefined && isInSubtree(own.path, region.path));
  if (!visible) return outOfScope(s, ctx, 'region', regionCode, 'REGION_NOT_FOUND');
  return mapOf(s.db.kysely, region);
}

/** Saves the map of the actor's own region (never another region's); If-Match its own map's version. */
export async function saveUnitKeywords(
  s: Services,
  ctx: RequestContext,
  version: number,
  keywords: UnitKeyword[],
): Promise<UnitKeywordMap> {
  const actor = ctx.actor!;
  if (actor.scope.kind !== 'region')
    throw appError('FORBIDDEN', '只有地区的工作人员可以修改本级的关键词对照表');
  const region = (await ownRegion(s, actor)) ?? noRegion();
  await s.db.kysely.transaction().execute(async (trx) => {
    const before = await mapOf(trx, region);
    if (before.version !== version) throw appError('VERSION_CONFLICT');
    const now = toTimestamp(s.clock.now());
    // The read above may pass for two saves at once (PostgreSQL); the versioned write decides.
    const saved = await saveKeywordMap(trx, region.code, JSON.stringify(keywords), version, now);
    if (!saved) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'plan.unit_keywords.update',
      objectType: 'unit_keyword_map',
      objectId: region.code,
      before: { count: before.keywords.length, version, source: before.source?.code ?? null },
      after: { keywords },
    });
  });
  return mapOf(s.db.kysely, region);
}

/** Source → { text, outline } in a parse worker, within the preview limits, with the stored keyword map. */
export async function previewSource(s: Services, ctx: RequestContext, pool: ParsePool, source: ImportSource) {
  const own = await ownRegion(s, ctx.actor!);
  const keywords = own ? (await mapOf(s.db.kysely, own)).keywords : DEFAULT_UNIT_KEYWORDS;
  return pool.parse(source, keywords, PREVIEW_LIMITS);
}
