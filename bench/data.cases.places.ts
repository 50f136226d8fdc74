// The places of the generated cases (bench/data.cases.ts): each region with its staff, its submitting
// organisations (two submitter accounts are added to each party committee and 工商联) and its handling
// units, and who answers for each unit.
import type SQLite from 'better-sqlite3';
import type { Actor } from './data.cases.life.ts';

export interface Place {
  code: string;
  path: string;
  level: 'province' | 'city' | 'county';
  parent: Place | null;
  staff: Actor;
  orgs: Actor[][]; // the people of each party committee / 工商联 of the region (submitters)
  handling: number[]; // units cases are forwarded to
}

export function loadPlaces(
  conn: SQLite.Database,
  today: string,
  insert: (table: string, cols: string[]) => SQLite.Statement,
) {
  // Submitters: two people of each party committee and 工商联 (besides the demo's 民盟 account).
  const { hash } = conn.prepare(`select password_hash as hash from users where username = 'staff'`).get() as {
    hash: string;
  };
  const addUser = insert('users', [
    'username', 'display_name', 'unit_id', 'region_code', 'status', 'password_hash', 'password_changed_at',
    'must_change_password', 'failed_logins', 'totp_enabled', 'created_at', 'updated_at',
  ]); // prettier-ignore
  const addRole = insert('user_roles', ['user_id', 'role']);
  const orgUnits = conn
    .prepare(`select id, region_code from units where kind in ('party', 'federation') and status = 'active'`)
    .all() as Array<{ id: number; region_code: string }>;
  const stamp = `${today}T09:00:00.000+08:00`;
  conn.transaction(() => {
    for (const u of orgUnits)
      for (let k = 0; k < 2; k++) {
        const id = addUser.run(
          `s${u.id}_${k}`,
          `委员${u.id}-${k}`,
          u.id,
          u.region_code,
          'active',
          hash,
          stamp,
          0,
          0,
          0,
          stamp,
          stamp,
        );
        addRole.run(Number(id.lastInsertRowid), 'submitter');
      }
  })();

  // The places: each region with its staff, its submitting organisations and its handling units.
  const people = conn
    .prepare(
      `select u.id, u.display_name as name, u.unit_id as unit, u.region_code as region, r.role, n.parent_id as parent
         from users u join user_roles r on r.user_id = u.id join units n on n.id = u.unit_id
        where u.status = 'active' order by u.id`,
    )
    .all() as Array<{
    id: number;
    name: string;
    unit: number;
    region: string;
    role: string;
    parent: number | null;
  }>;
  const units = conn
    .prepare(`select id, kind, region_code as region from units where status = 'active' order by id`)
    .all() as Array<{ id: number; kind: string; region: string }>;
  const regions = conn
    .prepare(`select code, path, level, parent_code from regions order by path`)
    .all() as Array<{
    code: string;
    path: string;
    level: string;
    parent_code: string | null;
  }>;
  const byCode = new Map<string, Place>();
  const places: Place[] = [];
  for (const r of regions) {
    // The first staff account of the region (the demo's where there is one), acting for its 统战部.
    const staff = people.find((p) => p.region === r.code && p.role === 'staff');
    if (!staff) continue;
    const orgs = units
      .filter((u) => u.region === r.code && (u.kind === 'party' || u.kind === 'federation'))
      .map((u) =>
        people
          .filter((p) => p.unit === u.id && p.role === 'submitter')
          .map((p) => ({ id: p.id, name: p.name, unit: u.id, org: u.id })),
      )
      .filter((o) => o.length > 0);
    const handling = units
      .filter((u) => u.region === r.code && (u.kind === 'government' || u.kind === 'member_unit'))
      .map((u) => u.id);
    const place: Place = {
      code: r.code,
      path: r.path,
      level: r.level === 'province' ? 'province' : r.level === 'city' ? 'city' : 'county',
      parent: r.parent_code ? (byCode.get(r.parent_code) ?? null) : null,
      staff: { id: staff.id, name: staff.name, unit: staff.unit, org: staff.parent ?? staff.unit },
      orgs,
      handling: handling.length ? handling : [staff.parent ?? staff.unit],
    };
    byCode.set(r.code, place);
    places.push(place);
  }
  // Who answers for a unit: its first handler (the demo's 省发展改革委 account for its unit).
  const answerer = new Map<number, Actor>();
  for (const p of people)
    if (p.role === 'handler' && !answerer.has(p.unit))
      answerer.set(p.unit, { id: p.id, name: p.name, unit: p.unit, org: p.parent ?? p.unit });
  const unitName = new Map(
    (conn.prepare(`select id, name from units`).all() as Array<{ id: number; name: string }>).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const ndrc = units.find((u) => unitName.get(u.id) === '山东省发展和改革委员会')?.id;
  const demoSubmitter = people.find((p) => p.role === 'submitter' && p.name && !/^委员/.test(p.name));
  return { places, answerer, unitName, ndrc, demoSubmitter };
}
