import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file must never import application code. Cases (issue 9): 议政建言 proposals,
// 民主监督 reports, 政企沟通 enterprise appeals and 基层 requests, all on one workflow engine
// (server/modules/cases/engine). One row per case; its timeline (case_events), its co-signers
// (case_signers), the units it was forwarded to (case_handlers), their answers per round (case_answers),
// the ratings of each round (case_ratings), the leaders' 批示 recorded on it (case_instructions), the
// 民主监督 projects reports are filed under (case_projects) and the 政企座谈会 appeals are raised in
// (case_meetings).
//
// Scope columns: region_* is the region whose 统战部 staff handle the case (their subtree sees it);
// submitter_region_* the submitting side's region (a county's request to the city above stays visible to
// the county); submitter_org_id the submitting organisation (the top unit of the submitter's unit tree),
// which is what a submitter sees. `due_date` is the deadline running in the current state (null when
// none), so the overdue list and the reminders are one range on the row. contact_id names a contact of
// modules/contacts (built alongside); a plain integer until the integrator wires the foreign key.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  const bigId = pg ? 'bigserial' : 'integer';
  const pk = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('case_projects')
    .addColumn('id', id, pk)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('period_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_to', 'varchar(10)', (c) => c.notNull())
    .addColumn('party_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('agency_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('state', 'varchar(12)', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('party_rating', 'varchar(24)')
    .addColumn('party_comment', 'text')
    .addColumn('agency_rating', 'varchar(24)')
    .addColumn('agency_comment', 'text')
    .addColumn('closed_at', 'varchar(40)')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_projects_scope')
    .on('case_projects')
    .columns(['region_path', 'id'])
    .execute();
  await db.schema
    .createIndex('case_projects_party')
    .on('case_projects')
    .columns(['party_unit_id', 'id'])
    .execute();

  await db.schema
    .createTable('case_meetings')
    .addColumn('id', id, pk)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attendees', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_meetings_scope')
    .on('case_meetings')
    .columns(['region_path', 'held_on'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', id, pk)
    .addColumn('type', 'varchar(24)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('subtype', 'varchar(24)')
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull().references('regions.code'))
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addColumn('submitter_region_code', 'varchar(12)', (c) => c.notNull().references('regions.code'))
    .addColumn('submitter_region_path', 'text', (c) => c.notNull())
    .addColumn('submitter_org_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('submitter_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('submitter_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('submitter_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('state', 'varchar(24)', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_key', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_into_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('lead_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('due_date', 'varchar(10)')
    .addColumn('project_id', 'integer', (c) => c.references('case_projects.id'))
    .addColumn('meeting_id', 'integer', (c) => c.references('case_meetings.id'))
    .addColumn('contact_id', 'integer')
    .addColumn('adopted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('adoption_note', 'text')
    .addColumn('adopted_at', 'varchar(40)')
    .addColumn('task_id', 'integer', (c) => c.references('tasks.id'))
    .addColumn('submitted_at', 'varchar(40)')
    .addColumn('accepted_at', 'varchar(40)')
    .addColumn('forwarded_at', 'varchar(40)')
    .addColumn('answered_at', 'varchar(40)')
    .addColumn('answered_on_time', 'integer')
    .addColumn('satisfaction', 'varchar(24)')
    .addColumn('closed_at', 'varchar(40)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_scope').on('cases').columns(['type', 'region_path', 'id']).execute();
  await db.schema
    .createIndex('cases_submitter_scope')
    .on('cases')
    .columns(['type', 'submitter_region_path', 'id'])
    .execute();
  await db.schema.createIndex('cases_org').on('cases').columns(['submitter_org_id', 'id']).execute();
  await db.schema.createIndex('cases_year').on('cases').columns(['type', 'year', 'state']).execute();
  await db.schema.createIndex('cases_due').on('cases').columns(['state', 'due_date']).execute();
  await db.schema.createIndex('cases_merged').on('cases').columns(['merged_into_id']).execute();
  await db.schema.createIndex('cases_task').on('cases').columns(['task_id']).execute();
  await db.schema.createIndex('cases_project').on('cases').columns(['project_id', 'id']).execute();
  await db.schema.createIndex('cases_meeting').on('cases').columns(['meeting_id', 'id']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', bigId, pk)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text')
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(24)', (c) => c.notNull())
    .addColumn('to_state', 'varchar(24)', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'id']).execute();

  await db.schema
    .createTable('case_signers')
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('confirm_by', 'varchar(10)', (c) => c.notNull())
    .addColumn('invited_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('responded_at', 'varchar(40)')
    .addPrimaryKeyConstraint('case_signers_pk', ['case_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('case_signers_user')
    .on('case_signers')
    .columns(['user_id', 'case_id'])
    .execute();

  await db.schema
    .createTable('case_handlers')
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'varchar(12)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('assigned_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_handlers_pk', ['case_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('case_handlers_unit')
    .on('case_handlers')
    .columns(['unit_id', 'case_id'])
    .execute();

  await db.schema
    .createTable('case_answers')
    .addColumn('id', id, pk)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('role', 'varchar(12)', (c) => c.notNull())
    .addColumn('letter', 'text', (c) => c.notNull())
    .addColumn('category', 'varchar(24)')
    .addColumn('attachment_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('due_date', 'varchar(10)')
    .addColumn('on_time', 'integer', (c) => c.notNull())
    .addColumn('answered_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('answerer_name', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'varchar(40)', (c) => c.notNull())
    .addUniqueConstraint('case_answers_once', ['case_id', 'unit_id', 'round'])
    .execute();

  await db.schema
    .createTable('case_ratings')
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('rater_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('rater_name', 'text', (c) => c.notNull())
    .addColumn('rating', 'varchar(24)', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('rated_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_ratings_pk', ['case_id', 'round', 'rater_id'])
    .execute();

  await db.schema
    .createTable('case_instructions')
    .addColumn('id', id, pk)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('leader', 'text', (c) => c.notNull())
    .addColumn('level', 'varchar(12)', (c) => c.notNull())
    .addColumn('given_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_instructions_case')
    .on('case_instructions')
    .columns(['case_id', 'id'])
    .execute();
}
