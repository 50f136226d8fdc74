// The demo accounts of a database made by `npm run bench:data`, written beside it. Kept apart from
// data.ts: that module runs the generator when it is the program, and a bundled bench server (one file
// for all its modules) would count as that program.
import type SQLite from 'better-sqlite3';

export interface BenchAccounts {
  secretKey: string;
  passwords: Record<string, string>;
}

export const accountsFileOf = (file: string) => `${file}.accounts.json`;

/** The first submitter of 山东省工商业联合会 whose password is the staff account's (bench:data's accounts). */
export function federationContactOf(conn: SQLite.Database): string {
  const row = conn
    .prepare(
      `select u.username from users u join units n on n.id = u.unit_id join user_roles r on r.user_id = u.id
        where n.name = '山东省工商业联合会' and r.role = 'submitter' and u.status = 'active'
          and u.password_hash = (select password_hash from users where username = 'staff')
        order by u.id limit 1`,
    )
    .get() as { username: string } | undefined;
  if (!row) throw new Error('no submitter of 山东省工商业联合会 in the bench database: run bench:data again');
  return row.username;
}
