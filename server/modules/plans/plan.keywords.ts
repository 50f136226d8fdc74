// The keyword → unit map (关键词 → 单位) the parser uses to suggest lead units. Data, editable by staff;
// kept as one row of the settings table. Until first saved it is the parser's DEFAULT_UNIT_KEYWORDS
// at version 0 (so the first save sends If-Match "0").
import type { Kysely } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { DEFAULT_UNIT_KEYWORDS, type UnitKeyword } from './parser/index.ts';

const KEY = 'plans.unit_keywords';

export interface UnitKeywordMap {
  keywords: UnitKeyword[];
  version: number;
}

export async function loadUnitKeywords(db: Kysely<Database>): Promise<UnitKeywordMap> {
  const row = await db
    .selectFrom('settings')
    .select(['value', 'version'])
    .where('key', '=', KEY)
    .executeTakeFirst();
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
    const now = toTimestamp(s.clock.now());
    const before = await loadUnitKeywords(trx);
    if (before.version !== version) throw appError('VERSION_CONFLICT');
    const value = JSON.stringify(keywords);
    if (version === 0) {
      await trx.insertInto('settings').values({ key: KEY, value, updated_at: now }).execute();
    } else {
      await trx
        .updateTable('settings')
        .set((eb) => ({ value, updated_at: now, version: eb('version', '+', 1) }))
        .where('key', '=', KEY)
        .where('version', '=', version)
        .execute();
    }
    await s.audit.record(trx, ctx, {
      action: 'plan.unit_keywords.update',
      objectType: 'setting',
      objectId: KEY,
      before: { count: before.keywords.length, version },
      after: { keywords },
    });
  });
  return loadUnitKeywords(s.db.kysely);
}
