import type { Kysely } from 'kysely';

// Frozen in time: this file must never import application code. 品牌活动's preparation items and project
// follow-up dates are reminded through the shared reminder ladder now, whose ledger (reminder_ledger)
// records each step sent (docs/decisions/activity-reminders.md); the columns that marked the activities'
// own daily reminder are no longer read or written.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  for (const table of ['activity_checklist_items', 'activity_followups'])
    for (const column of ['reminded_at', 'overdue_reminded_at'])
      await db.schema.alterTable(table).dropColumn(column).execute();
}
