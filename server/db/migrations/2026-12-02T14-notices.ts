import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file must never import application code. Supervision notices (督办单): one row per
// notice issued on a task, the units it is copied to (抄送), and its own timeline.
//
// Scope columns are copied from the task when the notice is issued (region_path: the lead unit's region,
// bounds who sees it; manager_region_*: the region whose staff issued it and review it), so the scoped
// list is one indexed range on the notice's own row, as for tasks. `active_due` is the deadline running
// now (the response date until the unit responds, the fix date while it rectifies, null otherwise): the
// colour is worked out from it and today, and the colour filter is a range on it.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  const bigId = pg ? 'bigserial' : 'integer';
  const pk = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('notices')
    .addColumn('id', id, pk)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
    .addColumn('report_id', 'integer', (c) => c.references('progress_reports.id'))
    .addColumn('level', 'varchar(12)', (c) => c.notNull())
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('response_due', 'varchar(10)', (c) => c.notNull())
    .addColumn('fix_due', 'varchar(10)')
    .addColumn('active_due', 'varchar(10)')
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('manager_region_code', 'varchar(12)', (c) => c.notNull().references('regions.code'))
    .addColumn('manager_region_path', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('issued_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('signed_at', 'varchar(40)')
    .addColumn('measures', 'text')
    .addColumn('responded_at', 'varchar(40)')
    .addColumn('completion', 'text')
    .addColumn('completed_at', 'varchar(40)')
    .addColumn('review_comment', 'text')
    .addColumn('rating', 'varchar(12)')
    .addColumn('closed_at', 'varchar(40)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notices_scope').on('notices').columns(['region_path', 'id']).execute();
  await db.schema.createIndex('notices_lead').on('notices').columns(['lead_unit_id', 'id']).execute();
  await db.schema.createIndex('notices_task').on('notices').columns(['task_id', 'id']).execute();
  await db.schema.createIndex('notices_due').on('notices').columns(['status', 'active_due']).execute();

  await db.schema
    .createTable('notice_copies')
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('notice_copies_pk', ['notice_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('notice_copies_unit')
    .on('notice_copies')
    .columns(['unit_id', 'notice_id'])
    .execute();

  await db.schema
    .createTable('notice_events')
    .addColumn('id', bigId, pk)
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text')
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .createIndex('notice_events_notice')
    .on('notice_events')
    .columns(['notice_id', 'id'])
    .execute();
}
