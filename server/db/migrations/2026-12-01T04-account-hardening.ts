import { sql, type Kysely } from 'kysely';

// Usernames are unique without regard to case ("Staff" and "staff" are one account), enforced by a unique
// index on lower(username) that also serves the case-insensitive lookup at sign-in; both SQLite and
// PostgreSQL index expressions. An administrator's password reset is remembered (when, by whom) so the
// user can be told, and a one-time password has an end.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  const clashes = await sql<{ name: string }>`
    select lower(username) as name from users group by lower(username) having count(*) > 1`.execute(db);
  if (clashes.rows.length) {
    const names = clashes.rows.map((r) => r.name).join(', ');
    throw new Error(
      `用户名仅大小写不同的账户须先合并或改名 / usernames differing only in case must be renamed first: ${names}`,
    );
  }
  await db.schema
    .createIndex('users_username_lower')
    .on('users')
    .unique()
    .expression(sql`lower(username)`)
    .execute();
  await db.schema.alterTable('users').addColumn('password_reset_at', 'varchar(40)').execute();
  await db.schema.alterTable('users').addColumn('password_reset_by', 'varchar(200)').execute();
  await db.schema.alterTable('users').addColumn('one_time_password_expires_at', 'varchar(40)').execute();
}
