// The rows a draft is checked against: regions, 民主监督 projects, 政企座谈会 meetings.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function findRegion(db: Q, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'path', 'parent_code', 'name'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export function findProject(db: Q, id: number) {
  return db.selectFrom('case_projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMeeting(db: Q, id: number) {
  return db.selectFrom('case_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}
