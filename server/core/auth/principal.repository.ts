// Everything authentication needs about a session, in one query: the session row, its user, the user's
// region path and roles, and the version of the security settings (so a cached copy is used only while
// it is current). Read afresh on every request, so a change made by any process — a disabled user, an
// ended session, changed roles — holds from the very next request.
import type { Db } from '../../db/dialect/dialect.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type { SessionRow, UserRow } from '../../db/schema.ts';
import type { Role } from '../access/roles.ts';

export type PrincipalUser = Pick<
  UserRow,
  | 'id'
  | 'username'
  | 'display_name'
  | 'status'
  | 'unit_id'
  | 'region_code'
  | 'must_change_password'
  | 'password_changed_at'
> & { region_path: string | null };

export interface SessionPrincipal {
  session: SessionRow;
  user: PrincipalUser;
  roles: Role[];
  // 0 while the settings were never saved.
  settingsVersion: number;
}

function buildQuery(db: Db) {
  return preparedQuery(db, 1, (sessionId) =>
    db.kysely
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .leftJoin('regions as r', 'r.code', 'u.region_code')
      .selectAll('s')
      .select([
        'u.username as u_username',
        'u.display_name as u_display_name',
        'u.status as u_status',
        'u.unit_id as u_unit_id',
        'u.region_code as u_region_code',
        'u.must_change_password as u_must_change_password',
        'u.password_changed_at as u_password_changed_at',
        'r.path as u_region_path',
      ])
      .select((eb) => [
        eb
          .selectFrom('user_roles as ur')
          .whereRef('ur.user_id', '=', 'u.id')
          .select(db.dialect.commaList('ur.role').as('list'))
          .as('roles'),
        eb.selectFrom('settings').where('key', '=', 'security').select('version').as('settings_version'),
      ])
      .where('s.id', '=', sessionId),
  );
}

const queries = new WeakMap<Db, ReturnType<typeof buildQuery>>();

export async function findSessionPrincipal(db: Db, sessionId: string): Promise<SessionPrincipal | undefined> {
  let query = queries.get(db);
  if (!query) queries.set(db, (query = buildQuery(db)));
  const row = (await query(sessionId))[0];
  if (!row) return undefined;
  const { u_region_path, roles, settings_version, ...rest } = row;
  const { u_username, u_display_name, u_status, u_unit_id, u_region_code, ...more } = rest;
  const { u_must_change_password, u_password_changed_at, ...session } = more;
  return {
    session,
    user: {
      id: session.user_id,
      username: u_username,
      display_name: u_display_name,
      status: u_status,
      unit_id: u_unit_id,
      region_code: u_region_code,
      must_change_password: Number(u_must_change_password),
      password_changed_at: u_password_changed_at,
      region_path: u_region_path,
    },
    roles: typeof roles === 'string' && roles ? (roles.split(',') as Role[]) : [],
    settingsVersion: Number(settings_version ?? 0),
  };
}
