import type { Role } from '../../core/access/roles.ts';
import type { RequestContext } from '../../core/access/actor.ts';
import { generatePassword } from '../../core/auth/password.ts';
import { toTimestamp } from '../../core/clock.ts';
import type { Services } from '../../core/services.ts';
import type { RegionRow } from '../../db/schema.ts';
import { insertNewUser, nameUnitHead, seedRegion, seedUnit, userCount } from '../org/index.ts';
import {
  CITIES,
  CITY_OFFICES,
  JINAN_COUNTIES,
  MEMBER_UNITS,
  UNIT_ALIASES,
  PARTY_COMMITTEES,
  PROVINCE,
  PROVINCIAL_OFFICES,
} from './demo.data.ts';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  unit: string;
}

const SYSTEM: RequestContext = { actor: null, ip: '127.0.0.1', requestId: 'demo-seed' };

export async function isDatabaseEmpty(s: Services): Promise<boolean> {
  return (await userCount(s)) === 0;
}

// Builds the demo organisation and one account per role. Returns the accounts with their one-time
// passwords, for the console and data/demo-accounts.txt; they are never stored in clear anywhere else.
// One-time means it: each account must choose its own password at first sign-in (API tests opt out).
export async function seedDemoWorkspace(
  s: Services,
  options: { passwordsMustChange: boolean } = { passwordsMustChange: true },
): Promise<DemoAccount[]> {
  const units = await s.db.kysely.transaction().execute(async (trx) => {
    const now = toTimestamp(s.clock.now());
    const stamps = { status: 'active' as const, created_at: now, updated_at: now };
    const region = (
      code: string,
      name: string,
      level: RegionRow['level'],
      parent: string | null,
      path: string,
    ) => seedRegion(trx, { code, name, level, parent_code: parent, path, ...stamps });
    await region(PROVINCE.code, PROVINCE.name, 'province', null, PROVINCE.code);
    for (const [code, name] of CITIES)
      await region(code, name, 'city', PROVINCE.code, `${PROVINCE.code}/${code}`);
    for (const [code, name] of JINAN_COUNTIES) {
      await region(code, name, 'county', '370100', `${PROVINCE.code}/370100/${code}`);
    }
    const unit = async (regionCode: string, name: string, kind: string, parent: number | null = null) =>
      (
        await seedUnit(trx, {
          region_code: regionCode,
          name,
          kind,
          parent_id: parent,
          aliases: JSON.stringify(UNIT_ALIASES[name] ?? []),
          ...stamps,
        })
      ).id;

    const provinceDept = await unit(PROVINCE.code, '中共山东省委统战部', 'department');
    const offices: Record<string, number> = {};
    for (const office of PROVINCIAL_OFFICES)
      offices[office] = await unit(PROVINCE.code, office, 'office', provinceDept);
    const cityDepts: Record<string, number> = {};
    for (const [code, name] of CITIES) {
      const dept = await unit(code, `中共${name}委统战部`, 'department');
      cityDepts[code] = dept;
      if (code === '370100') for (const office of CITY_OFFICES) await unit(code, office, 'office', dept);
    }
    const counties: Record<string, number> = {};
    for (const [code, name] of JINAN_COUNTIES)
      counties[code] = await unit(code, `中共济南市${name}委统战部`, 'department');
    const members: Record<string, number> = {};
    for (const [name, kind] of MEMBER_UNITS) members[name] = await unit(PROVINCE.code, name, kind);
    const parties: Record<string, number> = {};
    for (const [name, kind] of PARTY_COMMITTEES) parties[name] = await unit(PROVINCE.code, name, kind);
    await s.audit.record(trx, SYSTEM, {
      action: 'demo.seed',
      note: { regions: 1 + CITIES.length + JINAN_COUNTIES.length },
    });
    return { provinceDept, offices, cityDepts, counties, members, parties };
  });

  const accounts: Array<Omit<DemoAccount, 'password'> & { unitId: number | null; regionCode: string }> = [
    {
      username: 'sysadmin',
      role: 'sysadmin',
      displayName: '系统管理员',
      unit: '中共山东省委统战部',
      unitId: units.provinceDept,
      regionCode: PROVINCE.code,
    },
    {
      username: 'secadmin',
      role: 'secadmin',
      displayName: '安全管理员',
      unit: '中共山东省委统战部',
      unitId: units.provinceDept,
      regionCode: PROVINCE.code,
    },
    {
      username: 'auditor',
      role: 'auditor',
      displayName: '审计管理员',
      unit: '中共山东省委统战部',
      unitId: units.provinceDept,
      regionCode: PROVINCE.code,
    },
    {
      username: 'leader',
      role: 'leader',
      displayName: '王部长',
      unit: '中共山东省委统战部',
      unitId: units.provinceDept,
      regionCode: PROVINCE.code,
    },
    {
      username: 'staff',
      role: 'staff',
      displayName: '李明',
      unit: '办公室',
      unitId: units.offices['办公室'] ?? null,
      regionCode: PROVINCE.code,
    },
    {
      username: 'handler',
      role: 'handler',
      displayName: '张华',
      unit: '山东省发展和改革委员会',
      unitId: units.members['山东省发展和改革委员会'] ?? null,
      regionCode: PROVINCE.code,
    },
    // A second person of the same unit, named its 负责人 below (the escalation ladder's second step tells
    // the head when the unit's deadlines are missed; sysadmin changes the head on the unit form).
    {
      username: 'ndrc_head',
      role: 'handler',
      displayName: '刘强',
      unit: '山东省发展和改革委员会',
      unitId: units.members['山东省发展和改革委员会'] ?? null,
      regionCode: PROVINCE.code,
    },
    {
      username: 'submitter',
      role: 'submitter',
      displayName: '陈静',
      unit: '民盟山东省委会',
      unitId: units.parties['民盟山东省委会'] ?? null,
      regionCode: PROVINCE.code,
    },
    // 赵敏, the provincial 工商联's contact for 万企兴万村: she enters her member enterprises' pairings
    // (demo.pairings.ts), so a new user can try the 工商联's side of the ledger.
    {
      username: 'gsl_zhaomin',
      role: 'submitter',
      displayName: '赵敏',
      unit: '山东省工商业联合会',
      unitId: units.parties['山东省工商业联合会'] ?? null,
      regionCode: PROVINCE.code,
    },
    {
      username: 'jinan_staff',
      role: 'staff',
      displayName: '孙丽',
      unit: '中共济南市委统战部',
      unitId: units.cityDepts['370100'] ?? null,
      regionCode: '370100',
    },
    {
      username: 'qingdao_staff',
      role: 'staff',
      displayName: '周涛',
      unit: '中共青岛市委统战部',
      unitId: units.cityDepts['370200'] ?? null,
      regionCode: '370200',
    },
    {
      username: 'lixia_staff',
      role: 'staff',
      displayName: '赵强',
      unit: '中共济南市历下区委统战部',
      unitId: units.counties['370102'] ?? null,
      regionCode: '370102',
    },
  ];
  const result: DemoAccount[] = [];
  for (const a of accounts) {
    const password = generatePassword();
    const user = await insertNewUser(
      s,
      SYSTEM,
      { username: a.username, displayName: a.displayName, unitId: a.unitId, regionCode: a.regionCode },
      {
        password,
        roles: [a.role],
        mustChange: options.passwordsMustChange,
      },
    );
    // 刘强 heads 山东省发展和改革委员会: the escalation ladder's second step tells him.
    if (a.username === 'ndrc_head' && a.unitId !== null) await nameUnitHead(s, SYSTEM, a.unitId, user.id);
    result.push({ username: a.username, password, role: a.role, displayName: a.displayName, unit: a.unit });
  }
  return result;
}
