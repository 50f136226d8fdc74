// Kysely code of the 品牌活动 deadlines the shared reminder ladder watches (deadline.service.ts): open
// preparation items of events still being prepared, and the follow-up dates of signed projects.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Preparation items not done, due from `from` to `to`, of events planned or preparing. */
export function listChecklistDeadlines(db: Q, from: string, to: string) {
  return db
    .selectFrom('activity_checklist_items as c')
    .innerJoin('activity_events as e', 'e.id', 'c.event_id')
    .select([
      'c.id',
      'c.title',
      'c.due_date',
      'c.owner_unit_id',
      'e.id as event_id',
      'e.name as event_name',
      'e.owner_region_path',
    ])
    .where('c.done_on', 'is', null)
    .where('c.due_date', '>=', from)
    .where('c.due_date', '<=', to)
    .where('e.state', 'in', ['planned', 'preparing'])
    .execute();
}

/**
 * Follow-up dates not done, due from `from` to `to`, of projects not cancelled; the unit that must act is
 * the project's responsible unit, else the event's organiser.
 */
export function listFollowUpDeadlines(db: Q, from: string, to: string) {
  return db
    .selectFrom('activity_followups as f')
    .innerJoin('activity_outcomes as o', 'o.id', 'f.outcome_id')
    .innerJoin('activity_events as e', 'e.id', 'o.event_id')
    .select([
      'f.id',
      'f.kind',
      'f.due_date',
      'o.name as project',
      'o.responsible_unit_id',
      'e.organiser_unit_id',
      'e.id as event_id',
      'e.name as event_name',
      'e.owner_region_path',
    ])
    .where('f.done_on', 'is', null)
    .where('f.due_date', '>=', from)
    .where('f.due_date', '<=', to)
    .where((eb) => eb.or([eb('o.status', 'is', null), eb('o.status', '!=', 'cancelled')]))
    .execute();
}
