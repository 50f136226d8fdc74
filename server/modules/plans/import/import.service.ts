// Import (导入): the preview (source text → outline, with the stored keyword map, before anything is
// saved) and the keyword → unit map (关键词 → 单位) the parser uses to suggest lead units. The map is
// data, editable by staff, kept as one row of the settings table. Until first saved it is the parser's
// DEFAULT_UNIT_KEYWORDS at version 0 (so the first save sends If-Match "0").
import type { Kysely } from 'kysely';
import type { RequestContext } from '../../../core/access/actor.ts';
import { toTimestamp } from '../../../core/clock.ts';
import { appError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import type { Database } from '../../../db/schema.ts';
import { findSetting, saveSettingVersioned } from '../../../db/settings.repository.ts';
import { DEFAULT_UNIT_KEYWORDS, type UnitKeyword } from './parser/index.ts';
import { PREVIEW_LIMITS } from './import.limits.ts';
import type { ImportSource } from './import.parse.ts';
import type { ParsePool } from './import.pool.ts';

export const UNIT_KEYWORDS_KEY = 'plans.unit_keywords';

export interface UnitKeywordMap {
  keywords: UnitKeyword[];
  version: number;
}

export async function loadUnitKeywords(db: Kysely<Database>): Promise<UnitKeywordMap> {
  const row = await findSetting(db, UNIT_KEYWORDS_KEY);
  if (!row) return { keywords: DEFAULT_UNIT_KEYWORDS.map((k) => ({ ...k })), version: 0 };
  return { keywords: JSON.parse(row.value) as UnitKeyword[], version: row.version };
}

export async function saveUnitKeywords(
  s: Services,
  ctx: RequestContext,
  version: number,
  keywords: UnitKeyword[],
): Promise<UnitKeywordMap> {
  await s.db.kysely.transaction().execute(async (trx) => {
    const before = await loadUnitKeywords(trx);
    if (before.version !== version) throw appError('VERSION_CONFLICT');
    const now = toTimestamp(s.clock.now());
    // The read above may pass for two saves at once (PostgreSQL); the versioned write decides.
    const saved = await saveSettingVersioned(trx, UNIT_KEYWORDS_KEY, JSON.stringify(keywords), version, now);
    if (!saved) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'plan.unit_keywords.update',
      objectType: 'setting',
      objectId: UNIT_KEYWORDS_KEY,
      before: { count: before.keywords.length, version },
      after: { keywords },
    });
  });
  return loadUnitKeywords(s.db.kysely);
}

/** Source → { text, outline } in a parse worker, within the preview limits, with the stored keyword map. */
export async function previewSource(s: Services, pool: ParsePool, source: ImportSource) {
  const { keywords } = await loadUnitKeywords(s.db.kysely);
  return pool.parse(source, keywords, PREVIEW_LIMITS);
}
