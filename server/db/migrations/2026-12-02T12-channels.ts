import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never imports application code. Channels beyond the in-app inbox (通知渠道): the
// security administrator's settings (SMTP, the address links point to), webhooks (钉钉 / 企业微信 group
// robots, plain JSON), each user's own notification settings (e-mail address, per kind of message:
// immediately, in a daily digest or in-app only), and one row per outgoing delivery with its outcome.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (t: ReturnType<AnyDb['schema']['createTable']>) =>
    t.addColumn('id', pg ? 'bigserial' : 'integer', (c) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    );

  await db.schema
    .createTable('channel_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('email_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('smtp_host', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('smtp_port', 'integer', (c) => c.notNull().defaultTo(25))
    .addColumn('smtp_secure', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('smtp_user', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('smtp_password', 'text')
    .addColumn('mail_from', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('public_url', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('webhooks'))
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('format', 'varchar(10)', (c) =>
      c.notNull().check(sql`format in ('dingtalk', 'wecom', 'json')`),
    )
    .addColumn('url', 'varchar(500)', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notification_settings')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('email', 'varchar(254)')
    .addColumn('modes', 'text', (c) => c.notNull())
    .addColumn('digest_time', 'varchar(5)', (c) => c.notNull())
    .addColumn('digest_sent_on', 'varchar(10)')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('deliveries'))
    .addColumn('channel', 'varchar(10)', (c) => c.notNull().check(sql`channel in ('email', 'webhook')`))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('webhook_id', 'integer', (c) => c.references('webhooks.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('status', 'varchar(10)', (c) =>
      c.notNull().check(sql`status in ('held', 'pending', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(40)')
    .execute();
  // The failure list (newest first) reads only failed rows.
  await db.schema
    .createIndex('deliveries_failed')
    .on('deliveries')
    .column('id')
    .where(sql.ref('status'), '=', 'failed')
    .execute();
  // A user's digest: their e-mails held for it since the last one.
  await db.schema.createIndex('deliveries_user').on('deliveries').columns(['user_id', 'id']).execute();
}
