import { type Kysely, sql } from 'kysely';

// Frozen in time: never imports application code. The keyword → unit map (关键词 → 单位) becomes one
// map per region (a region without one uses its nearest ancestor's). The one province-wide map kept
// in settings so far becomes the map of the top region (the province), and leaves settings.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

const LEGACY_KEY = 'plans.unit_keywords';

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('unit_keyword_maps')
    .addColumn('region_code', 'varchar(12)', (c) => c.primaryKey().references('regions.code'))
    // JSON: [{ keyword, unit }]
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  const legacy = await db
    .selectFrom('settings')
    .select(['value', 'version', 'updated_at'])
    .where('key', '=', LEGACY_KEY)
    .executeTakeFirst();
  if (!legacy) return;
  const top = await db
    .selectFrom('regions')
    .select('code')
    .where('parent_code', 'is', null)
    .orderBy(sql`length(path)`)
    .orderBy('code')
    .executeTakeFirst();
  if (top)
    await db
      .insertInto('unit_keyword_maps')
      .values({
        region_code: top.code,
        keywords: legacy.value,
        version: legacy.version,
        updated_at: legacy.updated_at,
      })
      .execute();
  await db.deleteFrom('settings').where('key', '=', LEGACY_KEY).execute();
}
