// The province as the issue-10 generators (bench/data.activities.ts, data.pairings.ts, data.training.ts)
// find it in the file: the regions as a tree with each one's 统战部, units and first staff account, the
// units' people and the leaders. Read from the database, so each generator stands on its own.
import type SQLite from 'better-sqlite3';

export type Level = 'province' | 'city' | 'county';
export interface Person {
  id: number;
  name: string;
}
export interface OrgRegion {
  code: string;
  name: string;
  path: string;
  level: Level;
  parent: OrgRegion | null;
  children: OrgRegion[];
  dept: number; // the region's 统战部
  units: number[]; // its other units
  staff: Person; // its first staff account (the demo's where there is one)
}
export interface OrgUnit {
  id: number;
  name: string;
  kind: string;
  region: OrgRegion;
}

export function loadOrg(conn: SQLite.Database) {
  const rows = conn.prepare(`select code, name, path from regions order by path`).all() as Array<{
    code: string;
    name: string;
    path: string;
  }>;
  const units = conn
    .prepare(`select id, name, kind, region_code as region from units where status = 'active' order by id`)
    .all() as Array<{ id: number; name: string; kind: string; region: string }>;
  const people = conn
    .prepare(
      `select u.id, u.display_name as name, u.unit_id as unit, u.region_code as region, r.role
         from users u join user_roles r on r.user_id = u.id
        where u.status = 'active' and u.unit_id is not null order by u.id`,
    )
    .all() as Array<{ id: number; name: string; unit: number; region: string; role: string }>;

  const byCode = new Map<string, OrgRegion>();
  const regions: OrgRegion[] = [];
  for (const r of rows) {
    const depth = r.path.split('/').length;
    const staff = people.find((p) => p.region === r.code && p.role === 'staff');
    const dept = units.find((u) => u.region === r.code && u.kind === 'department');
    if (!staff || !dept) continue;
    const parent = byCode.get(r.path.split('/').slice(-2, -1)[0] ?? '') ?? null;
    const region: OrgRegion = {
      code: r.code,
      name: r.name,
      path: r.path,
      level: depth === 1 ? 'province' : depth === 2 ? 'city' : 'county',
      parent,
      children: [],
      dept: dept.id,
      units: units.filter((u) => u.region === r.code && u.kind !== 'department').map((u) => u.id),
      staff: { id: staff.id, name: staff.name },
    };
    parent?.children.push(region);
    byCode.set(r.code, region);
    regions.push(region);
  }
  const unitById = new Map<number, OrgUnit>();
  for (const u of units) {
    const region = byCode.get(u.region);
    if (region) unitById.set(u.id, { id: u.id, name: u.name, kind: u.kind, region });
  }
  const usersOf = new Map<number, Array<Person & { role: string }>>();
  for (const p of people) {
    const list = usersOf.get(p.unit) ?? [];
    list.push({ id: p.id, name: p.name, role: p.role });
    usersOf.set(p.unit, list);
  }
  // The nearest leader account up a region's line (a plan is approved by a leader over its region).
  const leaders = people.filter((p) => p.role === 'leader');
  const leaderOf = (r: OrgRegion): Person | null => {
    for (let at: OrgRegion | null = r; at; at = at.parent) {
      const code = at.code;
      const l = leaders.find((p) => p.region === code);
      if (l) return { id: l.id, name: l.name };
    }
    return null;
  };
  /** A region and every region below it. */
  const subtree = (r: OrgRegion): OrgRegion[] => [r, ...r.children.flatMap(subtree)];
  return { regions, byCode, unitById, usersOf, leaderOf, subtree, province: regions[0]! };
}

// Names of people who are not Luoshi users (training contacts, enterprise contacts): made up.
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉鹏飞红玉兰海燕雪梅立新志宏晓东';

export function personName(rnd: () => number): string {
  const pick = (s: string) => s[Math.floor(rnd() * s.length)]!;
  return pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : '');
}
