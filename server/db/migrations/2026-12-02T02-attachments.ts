import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this file must never import application code. Evidence files (附件): one row per
// upload, naming the stored content by its SM3 hash (the bytes live under the data folder, stored once
// however often they are uploaded). owner_type/owner_id name the record the file was attached to (a
// plan, a task, a report …) and stay null until then; only the uploader reads an unattached file.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('attachments')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('owner_type', 'varchar(40)')
    .addColumn('owner_id', 'integer')
    .addColumn('attached_at', 'varchar(40)')
    .execute();
  // A record's files; an uploader's files not yet attached; the rows of one stored content.
  await db.schema
    .createIndex('attachments_owner')
    .on('attachments')
    .columns(['owner_type', 'owner_id', 'id'])
    .execute();
  await db.schema
    .createIndex('attachments_uploader')
    .on('attachments')
    .columns(['uploaded_by', 'uploaded_at'])
    .execute();
  await db.schema.createIndex('attachments_hash').on('attachments').column('hash').execute();
}
