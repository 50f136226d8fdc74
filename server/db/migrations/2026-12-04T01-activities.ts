import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never imports application code. 品牌活动 (issue 10 §1): brands (from the plan or added by
// hand) linked to plan items and lead units; events with their lifecycle, timeline and preparation
// checklist; outcomes recorded once (signed projects with money as integer 分, talents, enterprises,
// villages, other indicator values); a signed project's follow-up dates and status history.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';

  await db.schema
    .createTable('activity_brands')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('region_code', 'varchar(20)', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('source', 'varchar(10)', (c) => c.notNull().check(sql`source in ('plan', 'manual')`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('activity_brands_region_name')
    .on('activity_brands')
    .columns(['region_code', 'name'])
    .unique()
    .execute();
  await db.schema
    .createTable('activity_brand_items')
    .addColumn('brand_id', 'integer', (c) => c.notNull().references('activity_brands.id').onDelete('cascade'))
    .addColumn('plan_item_id', 'integer', (c) => c.notNull().references('plan_items.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('activity_brand_items_pk', ['brand_id', 'plan_item_id'])
    .execute();
  await db.schema
    .createIndex('activity_brand_items_item')
    .on('activity_brand_items')
    .column('plan_item_id')
    .execute();
  await db.schema
    .createTable('activity_brand_units')
    .addColumn('brand_id', 'integer', (c) => c.notNull().references('activity_brands.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('activity_brand_units_pk', ['brand_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('activity_events')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('brand_id', 'integer', (c) => c.references('activity_brands.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('plan_item_id', 'integer', (c) => c.references('plan_items.id').onDelete('set null'))
    .addColumn('task_id', 'integer', (c) => c.references('tasks.id').onDelete('set null'))
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('place_region_code', 'varchar(20)', (c) => c.notNull().references('regions.code'))
    .addColumn('place_region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('organiser_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    // The organiser unit's region path: whose staff see and manage the event (the data scope).
    .addColumn('owner_region_path', 'varchar(200)', (c) => c.notNull())
    .addColumn('co_organisers', 'text', (c) => c.notNull()) // JSON [unit id]
    .addColumn('participants', 'text', (c) => c.notNull()) // JSON [{ kind, name, count }]
    .addColumn('agenda', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('review', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'varchar(12)', (c) =>
      c.notNull().check(sql`state in ('planned', 'preparing', 'held', 'reviewed', 'closed')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('activity_events_owner')
    .on('activity_events')
    .columns(['owner_region_path', 'id'])
    .execute();
  await db.schema
    .createIndex('activity_events_brand')
    .on('activity_events')
    .columns(['brand_id', 'year'])
    .execute();
  await db.schema.createIndex('activity_events_item').on('activity_events').column('plan_item_id').execute();

  await db.schema
    .createTable('activity_event_log')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('activity_events.id').onDelete('cascade'))
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('action', 'varchar(40)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(12)')
    .addColumn('to_state', 'varchar(12)')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('activity_event_log_event')
    .on('activity_event_log')
    .columns(['event_id', 'id'])
    .execute();

  await db.schema
    .createTable('activity_checklist_items')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('activity_events.id').onDelete('cascade'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('done_on', 'varchar(10)')
    .addColumn('reminded_at', 'varchar(40)')
    .addColumn('overdue_reminded_at', 'varchar(40)')
    .execute();
  await db.schema
    .createIndex('activity_checklist_due')
    .on('activity_checklist_items')
    .columns(['done_on', 'due_date'])
    .execute();

  await db.schema
    .createTable('activity_outcomes')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('activity_events.id'))
    .addColumn('kind', 'varchar(20)', (c) =>
      c
        .notNull()
        .check(sql`kind in ('project', 'talents', 'enterprises_in', 'enterprises_out', 'villages', 'other')`),
    )
    // Project name, talent kind, or the other indicator's name.
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('enterprise', 'varchar(200)')
    // 签约金额 in 分 (1 万元 = 1 000 000 分): exact, summed as integers.
    .addColumn('amount_fen', 'bigint')
    .addColumn('stage', 'varchar(20)')
    .addColumn('status', 'varchar(20)')
    .addColumn('responsible_unit_id', 'integer', (c) => c.references('units.id'))
    // Where the outcome lands (a project's region; otherwise the event's place).
    .addColumn('region_code', 'varchar(20)', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'varchar(200)', (c) => c.notNull())
    // A count (talents, enterprises, villages; 1 for a project).
    .addColumn('quantity', 'integer', (c) => c.notNull())
    // Another indicator's value as a decimal string, and its unit.
    .addColumn('value', 'varchar(30)')
    .addColumn('measure_unit', 'varchar(20)')
    .addColumn('task_indicator_id', 'integer', (c) => c.references('task_indicators.id').onDelete('set null'))
    // What this outcome added to the indicator's actual, so an edit or deletion takes exactly that back.
    .addColumn('indicator_amount', 'real')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addCheckConstraint('activity_outcomes_quantity', sql`quantity >= 0`)
    .execute();
  await db.schema
    .createIndex('activity_outcomes_event')
    .on('activity_outcomes')
    .columns(['event_id', 'id'])
    .execute();
  await db.schema
    .createIndex('activity_outcomes_region')
    .on('activity_outcomes')
    .column('region_path')
    .execute();

  await db.schema
    .createTable('activity_followups')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('outcome_id', 'integer', (c) =>
      c.notNull().references('activity_outcomes.id').onDelete('cascade'),
    )
    .addColumn('kind', 'varchar(12)', (c) =>
      c.notNull().check(sql`kind in ('start', 'production', 'funding')`),
    )
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('done_on', 'varchar(10)')
    .addColumn('reminded_at', 'varchar(40)')
    .addColumn('overdue_reminded_at', 'varchar(40)')
    .execute();
  await db.schema
    .createIndex('activity_followups_outcome_kind')
    .on('activity_followups')
    .columns(['outcome_id', 'kind'])
    .unique()
    .execute();

  await db.schema
    .createTable('activity_project_history')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('outcome_id', 'integer', (c) =>
      c.notNull().references('activity_outcomes.id').onDelete('cascade'),
    )
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_name', 'varchar(100)')
    .execute();
  await db.schema
    .createIndex('activity_project_history_outcome')
    .on('activity_project_history')
    .columns(['outcome_id', 'id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'activity_project_history',
    'activity_followups',
    'activity_outcomes',
    'activity_checklist_items',
    'activity_event_log',
    'activity_events',
    'activity_brand_units',
    'activity_brand_items',
    'activity_brands',
  ])
    await db.schema.dropTable(t).execute();
}
