import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. Reminders and escalation (issue 8 §2):
// - units.head_user_id: the unit's 负责人, a user of the unit; the second step of the escalation ladder
//   after a deadline is missed. Null when none is named; a deleted user leaves the unit without one.
// - task_milestones_due, progress_reports_due: indexes for the job's look at deadlines by date.
// - reminder_ledger: one row per reminder or escalation step sent, keyed by what it was about. The row is
//   inserted in the same transaction as the messages, with ON CONFLICT DO NOTHING: whichever process
//   inserts it sends, every other finds it there and sends nothing, so no step goes out twice.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('units')
    .addColumn('head_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('reminder_ledger')
    // 'task' | 'report' | 'milestone' | 'notice' …: the record whose deadline it is.
    .addColumn('object_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('object_id', 'varchar(40)', (c) => c.notNull())
    // task_due | milestone_due | report_due | notice_response_due
    .addColumn('deadline_kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    // 0: the reminder before the deadline; 1–4: the escalation steps after it.
    .addColumn('step', 'integer', (c) => c.notNull())
    // 'sent', or 'skipped' (a later step was already due when the job first saw it; nobody was told).
    .addColumn('outcome', 'varchar(10)', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_ledger_pk', [
      'object_type',
      'object_id',
      'deadline_kind',
      'due_date',
      'step',
    ])
    .execute();

  // The reminder job reads open deadlines by date every quarter of an hour: milestones and reports by
  // their due date alone (tasks have tasks_due on status, due_date already).
  await db.schema.createIndex('task_milestones_due').on('task_milestones').column('due_date').execute();
  await db.schema
    .createIndex('progress_reports_due')
    .on('progress_reports')
    .columns(['status', 'due_date'])
    .execute();
}
