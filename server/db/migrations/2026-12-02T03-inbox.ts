import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never imports application code. The in-app inbox (站内消息): one row per message
// per recipient, written in the same transaction as the change it announces (core/notify).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('messages')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('recipient_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('object_type', 'varchar(40)')
    .addColumn('object_id', 'varchar(80)')
    .addColumn('link', 'text')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(40)')
    .execute();
  // "My messages, newest first" (the inbox list; the id orders them as they were written).
  await db.schema.createIndex('messages_recipient').on('messages').columns(['recipient_id', 'id']).execute();
  // "My unread messages, newest first" and the unread count: a partial index holds only unread rows, so
  // the count reads as many index entries as there are unread messages, however large the inbox grows.
  await db.schema
    .createIndex('messages_unread')
    .on('messages')
    .columns(['recipient_id', 'id'])
    .where(sql.ref('read_at'), 'is', null)
    .execute();
}
