import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file must never import application code. Tasks (任务分解) and progress reports
// (进度填报): the task tree across regions, its milestones, indicators, cooperating units, timeline and
// adjustment requests; one report per task and period with the cooperating units' parts; the colour
// history; and the record of Excel imports (so one file is never imported twice).
//
// Two regions per task: `region_*` is the lead unit's region and bounds who may see the task (a city sees
// the tasks its units lead and everything below); `manager_region_*` is the region whose staff created it
// and review it (the province, for a task it assigned to a city's 统战部). The paths are copied from
// regions.path so the scope filter is one indexed range on the task's own row.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: AnyDb): Promise<void> {
  const pg = isPostgres(db);
  const id = pg ? 'serial' : 'integer';
  const bigId = pg ? 'bigserial' : 'integer';
  const real = pg ? 'double precision' : 'real';
  const pk = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('tasks')
    .addColumn('id', id, pk)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('manager_region_code', 'varchar(12)', (c) => c.notNull().references('regions.code'))
    .addColumn('manager_region_path', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'integer', (c) => c.references('plans.id'))
    .addColumn('plan_item_id', 'integer', (c) => c.references('plan_items.id'))
    // The top-level item (一、…) the plan item sits under, for "by plan section" counts and filters.
    .addColumn('plan_section_id', 'integer', (c) => c.references('plan_items.id'))
    .addColumn('parent_id', 'integer', (c) => c.references('tasks.id'))
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'varchar(12)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('responsible_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cycle', 'varchar(12)', (c) => c.notNull())
    // A report is due this many days after its period ends.
    .addColumn('report_day', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    // 'none' while the colour does not apply (a draft, a finished or cancelled task).
    .addColumn('health', 'varchar(8)', (c) => c.notNull().defaultTo('none'))
    .addColumn('health_reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('health_changed_at', 'varchar(40)')
    .addColumn('child_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('completion_summary', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('ended_at', 'varchar(40)')
    .addColumn('import_id', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  // The scoped list: a region subtree of one year, newest first, with the colour counts beside it.
  await db.schema
    .createIndex('tasks_scope')
    .on('tasks')
    .columns(['year', 'region_path', 'health', 'id'])
    .execute();
  await db.schema.createIndex('tasks_region_id').on('tasks').columns(['region_path', 'id']).execute();
  await db.schema
    .createIndex('tasks_manager')
    .on('tasks')
    .columns(['manager_region_path', 'status', 'id'])
    .execute();
  await db.schema.createIndex('tasks_lead').on('tasks').columns(['lead_unit_id', 'id']).execute();
  await db.schema.createIndex('tasks_plan').on('tasks').columns(['plan_id', 'plan_item_id']).execute();
  await db.schema.createIndex('tasks_item').on('tasks').column('plan_item_id').execute();
  await db.schema.createIndex('tasks_parent').on('tasks').columns(['parent_id', 'id']).execute();
  await db.schema.createIndex('tasks_due').on('tasks').columns(['status', 'due_date']).execute();

  await db.schema
    .createTable('task_cooperators')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('task_cooperators_pk', ['task_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('task_cooperators_unit')
    .on('task_cooperators')
    .columns(['unit_id', 'task_id'])
    .execute();

  await db.schema
    .createTable('task_milestones')
    .addColumn('id', id, pk)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('done_date', 'varchar(10)')
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('task_milestones_task')
    .on('task_milestones')
    .columns(['task_id', 'position'])
    .execute();

  await db.schema
    .createTable('task_indicators')
    .addColumn('id', id, pk)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('measure_unit', 'varchar(20)', (c) => c.notNull().defaultTo(''))
    .addColumn('baseline', real)
    .addColumn('target', real, (c) => c.notNull())
    .addColumn('actual', real)
    .addColumn('higher_is_better', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('task_indicators_task')
    .on('task_indicators')
    .columns(['task_id', 'position'])
    .execute();

  // Everything that happened to a task, in order (its timeline); the audit log is the auditor's record.
  await db.schema
    .createTable('task_events')
    .addColumn('id', bigId, pk)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text')
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('task_events_task').on('task_events').columns(['task_id', 'id']).execute();

  // 调整申请: a unit asks to change the deadline, the lead unit or the scope; staff approve or refuse.
  await db.schema
    .createTable('task_adjustments')
    .addColumn('id', id, pk)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(12)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('proposal', 'text', (c) => c.notNull()) // JSON: the requested due date, lead unit or scope
    .addColumn('status', 'varchar(12)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'varchar(40)')
    .addColumn('decision_comment', 'text')
    .execute();
  await db.schema
    .createIndex('task_adjustments_task')
    .on('task_adjustments')
    .columns(['task_id', 'id'])
    .execute();
  await db.schema
    .createIndex('task_adjustments_pending')
    .on('task_adjustments')
    .columns(['status', 'task_id'])
    .execute();

  // One row per task and reporting period, made when the period opens ('due'), so "who has not reported"
  // reads open rows instead of working out missing ones across two million reports. The scope columns are
  // the task's, copied so the boards filter on the report row alone.
  await db.schema
    .createTable('progress_reports')
    .addColumn('id', id, pk)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('period_key', 'varchar(20)', (c) => c.notNull())
    .addColumn('period_start', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_end', 'varchar(10)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('manager_region_path', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    // due → draft → submitted → accepted, or submitted → returned → submitted …
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('percent', 'integer')
    .addColumn('narrative', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('indicator_values', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('milestones_reached', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_steps', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', 'varchar(40)')
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'varchar(40)')
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('review_comment', 'text')
    .addColumn('returned_at', 'varchar(40)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addUniqueConstraint('progress_reports_one_per_period', ['task_id', 'period_key'])
    .execute();
  // Boards: open reports (due, draft, returned) of a region subtree, by due date.
  await db.schema
    .createIndex('progress_reports_open')
    .on('progress_reports')
    .columns(['status', 'region_path', 'due_date'])
    .execute();
  // Staff review queue: submitted reports of the tasks a region manages.
  await db.schema
    .createIndex('progress_reports_review')
    .on('progress_reports')
    .columns(['status', 'manager_region_path', 'id'])
    .execute();
  await db.schema
    .createIndex('progress_reports_unit')
    .on('progress_reports')
    .columns(['lead_unit_id', 'status', 'due_date'])
    .execute();

  // 配合单位反馈: a cooperating unit's part of the lead unit's report for one period.
  await db.schema
    .createTable('report_contributions')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('period_key', 'varchar(20)', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('report_contributions_pk', ['task_id', 'period_key', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('report_contributions_unit')
    .on('report_contributions')
    .columns(['unit_id', 'task_id'])
    .execute();

  // Every change of colour, with its reasons, so May's red stays in May's record.
  await db.schema
    .createTable('task_health_history')
    .addColumn('id', bigId, pk)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('health', 'varchar(8)', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('task_health_history_task')
    .on('task_health_history')
    .columns(['task_id', 'at'])
    .execute();

  // One Excel 任务分解表 imported into one plan: the same file (by content hash) is refused a second time.
  await db.schema
    .createTable('task_imports')
    .addColumn('id', id, pk)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('file_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('task_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addUniqueConstraint('task_imports_once', ['plan_id', 'file_hash'])
    .execute();
}
