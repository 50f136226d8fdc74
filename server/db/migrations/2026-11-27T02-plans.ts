import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must never import application code. Plans (工作要点), their saved versions
// and their current items. The only dialect difference is the auto-increment id column.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: AnyDb): Promise<void> {
  const pg = isPostgres(db);
  const id = pg ? 'serial' : 'integer';

  await db.schema
    .createTable('plans')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull().references('regions.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull().defaultTo('draft'))
    // preamble, closing, brand activities, removed boilerplate and parser warnings of the current version
    .addColumn('outline_meta', 'text', (c) => c.notNull())
    .addColumn('source_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(40)')
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('plans_region_year')
    .on('plans')
    .columns(['region_code', 'year', 'id'])
    .execute();
  await db.schema.createIndex('plans_year').on('plans').columns(['year', 'id']).execute();
  // One published plan per region and year; any number of drafts.
  await db.schema
    .createIndex('plans_one_published')
    .on('plans')
    .columns(['region_code', 'year'])
    .unique()
    .where(sql.ref('status'), '=', 'published')
    .execute();

  await db.schema
    .createTable('plan_versions')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('action', 'varchar(20)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    // The whole outline as JSON, item ids included, so a restore can keep the ids that still exist.
    .addColumn('outline', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_versions_pk', ['plan_id', 'version_no'])
    .execute();

  await db.schema
    .createTable('plan_items')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('plan_items.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('ord', 'integer', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('number', 'varchar(40)')
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('lead', 'text', (c) => c.notNull()) // JSON list of unit names (牵头单位)
    .addColumn('cooperating', 'text', (c) => c.notNull()) // JSON list (配合单位)
    .addColumn('brand_activities', 'text', (c) => c.notNull()) // JSON list of names
    .addColumn('proposed_tasks', 'text', (c) => c.notNull()) // JSON list of { text, suggestedLead }
    // Word-segmented heading and body, space-separated with a space at both ends, for LIKE '% 词 %'.
    .addColumn('search_tokens', 'text', (c) => c.notNull())
    // The item one level up this item implements (上级要点条目); cleared when that item is deleted.
    .addColumn('aligned_to', 'integer', (c) => c.references('plan_items.id').onDelete('set null'))
    .addColumn('aligned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('aligned_at', 'varchar(40)')
    .execute();
  await db.schema.createIndex('plan_items_plan').on('plan_items').columns(['plan_id', 'ord']).execute();
  await db.schema.createIndex('plan_items_parent').on('plan_items').column('parent_id').execute();
  await db.schema.createIndex('plan_items_aligned').on('plan_items').column('aligned_to').execute();
  // Covers the coverage query's read of every alignment link of the plans below a region.
  await db.schema
    .createIndex('plan_items_plan_aligned')
    .on('plan_items')
    .columns(['plan_id', 'aligned_to'])
    .execute();
}
