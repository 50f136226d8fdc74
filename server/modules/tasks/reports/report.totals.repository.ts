// The board's rows (missingRows) counted: reports, of which returned, and the units they belong to.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { missingRows, type MissingFilter } from './report.repository.ts';

export function countMissingTotals(db: Kysely<Database> | Transaction<Database>, f: MissingFilter) {
  return db
    .selectFrom(missingRows(db, f).as('m'))
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.sum<number | string | null>('m.returned').as('returned'),
      eb.fn.count<number | string>('m.lead_unit_id').distinct().as('units'),
    ])
    .executeTakeFirst();
}
