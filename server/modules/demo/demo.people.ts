// The people of the demo's history: the demo accounts, and a few colleagues in units that have work to do
// but no demo account (a 处室 handler, a city's staff). Colleagues are ordinary active users with a random
// password nobody is told (an administrator can reset it); they sign, report and review in the history.
import type { Actor, RequestContext } from '../../core/access/actor.ts';
import { permissionsOf, type Role } from '../../core/access/roles.ts';
import { dataScopeOf } from '../../core/access/scope.ts';
import { generatePassword } from '../../core/auth/password.ts';
import type { Services } from '../../core/services.ts';
import { insertNewUser } from '../org/index.ts';
import { findUsersWithRoles, listUnitNames } from './demo.repository.ts';

const SYSTEM: RequestContext = { actor: null, ip: '127.0.0.1', requestId: 'demo-seed' };

interface Colleague {
  username: string;
  displayName: string;
  role: Role;
  unit: string;
  regionCode: string;
}

const COLLEAGUES: readonly Colleague[] = [
  { username: 'zhoumin', displayName: '周敏', role: 'staff', unit: '办公室', regionCode: '370000' },
  { username: 'liuyang', displayName: '刘洋', role: 'handler', unit: '党派工作处', regionCode: '370000' },
  { username: 'gaofeng', displayName: '高峰', role: 'handler', unit: '经济处', regionCode: '370000' },
  {
    username: 'chenchen',
    displayName: '陈晨',
    role: 'handler',
    unit: '港澳台海外联络处',
    regionCode: '370000',
  },
  { username: 'mali', displayName: '马丽', role: 'handler', unit: '民族宗教处', regionCode: '370000' },
  {
    username: 'zibo_staff',
    displayName: '吴昊',
    role: 'staff',
    unit: '中共淄博市委统战部',
    regionCode: '370300',
  },
  {
    username: 'yantai_staff',
    displayName: '郑雪',
    role: 'staff',
    unit: '中共烟台市委统战部',
    regionCode: '370600',
  },
  {
    username: 'licheng_staff',
    displayName: '冯刚',
    role: 'staff',
    unit: '中共济南市历城区委统战部',
    regionCode: '370112',
  },
];

export interface DemoPeople {
  ctx(username: string): RequestContext;
  unitId(name: string): number;
}

/** Adds the colleagues (hashing their passwords side by side) and returns who is who. */
export async function demoPeople(s: Services, usernames: readonly string[]): Promise<DemoPeople> {
  const units = await listUnitNames(s.db.kysely);
  const unitId = (name: string): number => {
    const found = units.filter((u) => u.name === name);
    // 办公室 is both a provincial and a city office: the province's unless said otherwise.
    const unit = found.length > 1 ? found.find((u) => u.region_code === '370000') : found[0];
    if (!unit) throw new Error(`demo unit ${name} is missing`);
    return unit.id;
  };
  await Promise.all(
    COLLEAGUES.map((c) =>
      insertNewUser(
        s,
        SYSTEM,
        {
          username: c.username,
          displayName: c.displayName,
          unitId: unitId(c.unit),
          regionCode: c.regionCode,
        },
        { password: generatePassword(), roles: [c.role], mustChange: true },
      ),
    ),
  );
  const rows = await findUsersWithRoles(s.db.kysely, [...usernames, ...COLLEAGUES.map((c) => c.username)]);
  const contexts = new Map<string, RequestContext>();
  for (const u of rows) {
    const roles = [u.role as Role];
    const actor: Actor = {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      roles,
      permissions: permissionsOf(roles),
      scope: dataScopeOf({ roles, regionPath: u.region_path, unitId: u.unit_id, organisationId: null }),
      unitId: u.unit_id,
      regionCode: u.region_code,
      regionPath: u.region_path,
      sessionId: 'demo-seed',
    };
    contexts.set(u.username, { actor, ip: '127.0.0.1', requestId: 'demo-seed' });
  }
  return {
    ctx: (username) => {
      const ctx = contexts.get(username);
      if (!ctx) throw new Error(`demo account ${username} is missing`);
      return ctx;
    },
    unitId,
  };
}
