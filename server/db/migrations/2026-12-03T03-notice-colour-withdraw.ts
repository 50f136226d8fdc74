import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file must never import application code. Two additions to 督办单 notices:
// - Colour history, like tasks' task_health_history: `notices.colour` is the colour last settled (null
//   until the first settling; the daily job and every step settle it), and `notice_colour_history`
//   holds every change of colour with its reason, so a notice that was red last week stays red in its
//   record after it is fixed.
// - Withdrawal (撤回) of a notice before the unit signs for it: when and why (status 'withdrawn').

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const bigId = pg ? 'bigserial' : 'integer';
  const pk = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema.alterTable('notices').addColumn('colour', 'varchar(8)').execute();
  await db.schema.alterTable('notices').addColumn('withdrawn_at', 'varchar(40)').execute();
  await db.schema.alterTable('notices').addColumn('withdraw_reason', 'text').execute();

  await db.schema
    .createTable('notice_colour_history')
    .addColumn('id', bigId, pk)
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('notices.id').onDelete('cascade'))
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('colour', 'varchar(8)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notice_colour_history_notice')
    .on('notice_colour_history')
    .columns(['notice_id', 'at'])
    .execute();
}
