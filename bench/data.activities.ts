// 品牌活动 of `npm run bench:data` (issue 10 §1), written as the activities services write them: the brands
// each region's plan names (source 'plan', linked to an item of each year's plan and to their lead units),
// and each year's events of every region — organised by its 统战部 or another of its units, under its own
// brand or one of the regions above, held across its subtree — each taken through planned → preparing
// (with its checklist) → held → reviewed → closed as far as its dates and today allow, with every step on
// its timeline and the version it moved to, and its outcomes (bench/data.activities.outcomes.ts). Audit
// rows and inbox messages are not written (as in the other generators: no list or total reads them).
import type SQLite from 'better-sqlite3';
import { outcomeWriter, type Profile } from './data.activities.outcomes.ts';
import { plusDays } from './data.cases.life.ts';
import { inserter, type Progress } from './data.common.ts';
import { loadOrg, type Level, type OrgRegion } from './data.org.ts';

const PROVINCE_BRANDS: Array<[string, Profile]> = [
  ['港澳山东千人行', 'invest'],
  ['留学报国·智汇山东', 'talent'],
  ['海外华文媒体看黄河', 'media'],
  ['民主党派助力乡村振兴县区行', 'village'],
  ['万企兴万村', 'village'],
  ['侨智汇山东', 'talent'],
  ['同心助企行', 'invest'],
  ['新阶层·新力量', 'general'],
];
const CITY_BRANDS: Array<[string, Profile]> = [
  ['同心荟', 'general'],
  ['统一战线开放日', 'general'],
  ['招商引智恳谈会', 'invest'],
  ['侨商侨企对接会', 'invest'],
  ['人才回归行动', 'talent'],
];
const COUNTY_BRANDS: Array<[string, Profile]> = [
  ['同心讲堂', 'general'],
  ['同心助农', 'village'],
  ['乡贤回归', 'invest'],
];
const UNBRANDED = ['党外人士座谈会', '统战工作观摩交流', '民营企业家恳谈会', '同心实践活动'];
const CHECKLIST = [
  '制定活动方案',
  '确定邀请名单',
  '落实场地和食宿',
  '准备签约文本',
  '宣传报道方案',
  '安全保障预案',
];
const VENUES = ['会议中心', '国际会展中心', '宾馆', '市民中心', '党校报告厅'];
const PARTICIPANTS: Array<[string, string, number, number]> = [
  ['enterprise', '企业家代表', 10, 80],
  ['party', '民主党派成员', 5, 40],
  ['association', '商协会', 2, 12],
  ['unit', '有关部门', 3, 15],
  ['other', '新闻媒体', 2, 10],
];
const REVIEWS = [
  '项目对接精准，签约落地快；下次提前一个月发布项目清单，邀请更多县区参加。',
  '参与面广、反响好；会后跟踪不够及时，需明确责任单位和时限。',
  '流程顺畅；企业诉求收集不充分，下次增加分组座谈环节。',
];

interface Brand {
  id: number;
  name: string;
  profile: Profile;
  items: Map<number, number>; // year → the plan item it is linked to
}

const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00.000+08:00`;

export function generateActivities(
  conn: SQLite.Database,
  eventsPerYear: Record<Level, number>,
  years: number[],
  today: string,
  rnd: () => number,
  progress: Progress,
): Record<string, number> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const some = <T>(list: readonly T[], n: number) => [...list].sort(() => rnd() - 0.5).slice(0, n);
  const insert = inserter(conn);
  const org = loadOrg(conn);
  const stage = 'activities, events, outcomes';

  // The items a brand links to: one of the region's plan items of each year.
  const itemsOf = new Map<string, number[]>();
  for (const i of conn
    .prepare(
      `select p.region_code as region, p.year, i.id from plan_items i join plans p on p.id = i.plan_id
        where i.depth = 1 order by i.id`,
    )
    .all() as Array<{ region: string; year: number; id: number }>) {
    const key = `${i.region}:${i.year}`;
    itemsOf.set(key, [...(itemsOf.get(key) ?? []), i.id]);
  }

  const addBrand = insert('activity_brands', [
    'region_code', 'region_path', 'name', 'source', 'description', 'version', 'created_by', 'created_at',
    'updated_at',
  ]); // prettier-ignore
  const addBrandItem = insert('activity_brand_items', ['brand_id', 'plan_item_id']);
  const addBrandUnit = insert('activity_brand_units', ['brand_id', 'unit_id']);
  const brandsOf = new Map<string, Brand[]>();
  const counts = {
    activity_brands: 0,
    activity_events: 0,
    activity_event_log: 0,
    activity_checklist_items: 0,
  };
  conn.transaction(() => {
    for (const r of org.regions) {
      const defs =
        r.level === 'province'
          ? PROVINCE_BRANDS
          : r.level === 'city'
            ? some(CITY_BRANDS, between(2, 3)).map(([n, p]): [string, Profile] => [`${r.name}${n}`, p])
            : rnd() < 0.4
              ? [pick(COUNTY_BRANDS)].map(([n, p]): [string, Profile] => [`${r.name}${n}`, p])
              : [];
      const own: Brand[] = [];
      for (const [name, profile] of defs) {
        const stamp = at(`${years[0]}-01-20`, 10);
        const id = Number(
          addBrand.run(r.code, r.path, name, 'plan', '', 1, r.staff.id, stamp, stamp).lastInsertRowid,
        );
        const items = new Map<number, number>();
        for (const y of years) {
          const list = itemsOf.get(`${r.code}:${y}`);
          if (!list?.length) continue;
          items.set(y, pick(list));
          addBrandItem.run(id, items.get(y));
        }
        addBrandUnit.run(id, r.dept);
        if (r.units.length && rnd() < 0.5) addBrandUnit.run(id, pick(r.units));
        own.push({ id, name, profile, items });
        counts.activity_brands++;
      }
      brandsOf.set(r.code, own);
    }
  })();

  const addEvent = insert('activity_events', [
    'brand_id', 'name', 'year', 'plan_item_id', 'task_id', 'start_date', 'end_date', 'place_region_code',
    'place_region_path', 'address', 'organiser_unit_id', 'owner_region_path', 'co_organisers', 'participants',
    'agenda', 'summary', 'review', 'state', 'version', 'created_by', 'created_at', 'updated_at',
  ]); // prettier-ignore
  const addLog = insert('activity_event_log', [
    'event_id', 'at', 'actor_id', 'actor_name', 'action', 'from_state', 'to_state', 'note',
  ]); // prettier-ignore
  const addItem = insert('activity_checklist_items', [
    'event_id', 'title', 'owner_unit_id', 'due_date', 'done_on',
  ]); // prettier-ignore
  const setEvent = conn.prepare(
    `update activity_events set state = ?, version = ?, updated_at = ? where id = ?`,
  );
  const outcomes = outcomeWriter(conn, today, rnd);

  // The brands a region's events may carry: its own and those of the regions above it.
  const lineBrands = (r: OrgRegion): Brand[] =>
    r.parent ? [...lineBrands(r.parent), ...(brandsOf.get(r.parent.code) ?? [])] : [];
  const placeOf = (r: OrgRegion): OrgRegion => {
    const x = rnd();
    if (r.level === 'province' && r.children.length) {
      const city = pick(r.children);
      return x < 0.2 ? r : x < 0.8 || !city.children.length ? city : pick(city.children);
    }
    return r.level === 'city' && r.children.length && x < 0.4 ? pick(r.children) : r;
  };

  function event(year: number, r: OrgRegion) {
    const start = plusDays(`${year}-01-01`, between(20, 350));
    const created = plusDays(start, -between(40, 70));
    if (created > today) return; // not planned yet
    const end = plusDays(start, between(0, 2));
    const own = brandsOf.get(r.code) ?? [];
    const above = lineBrands(r);
    const roll = rnd();
    // Under its own brand, a brand of a region above, or none.
    const pool = roll < 0.45 && own.length ? own : roll < 0.85 ? (above.length ? above : own) : [];
    const brand = pool.length ? pick(pool) : null;
    const organiser = rnd() < 0.7 || !r.units.length ? r.dept : pick(r.units);
    const co = some(
      [r.dept, ...r.units].filter((u) => u !== organiser),
      between(0, 2),
    );
    const place = placeOf(r);
    const participants = some(PARTICIPANTS, between(2, 4)).map(([kind, name, lo, hi]) => ({
      kind,
      name,
      count: between(lo, hi),
    }));
    const people = participants.reduce((a, p) => a + p.count, 0);
    const name = `${year}年${brand?.name ?? pick(UNBRANDED)}（${place.name}）`;
    const actor = r.staff;

    // Its life as far as today: each step a day, each an entry on the timeline.
    const prep = plusDays(start, -between(15, 30));
    const reviewDay = plusDays(end, between(5, 25));
    const closeDay = plusDays(reviewDay, between(10, 40));
    const states: Array<[string, string]> = [['planned', at(created, 10)]];
    if (prep <= today) states.push(['preparing', at(prep, 10)]);
    if (end < today) states.push(['held', at(end, 18)]);
    if (end < today && reviewDay <= today && rnd() < 0.9) states.push(['reviewed', at(reviewDay, 10)]);
    if (states.length === 4 && closeDay <= today && rnd() < 0.92) states.push(['closed', at(closeDay, 10)]);
    const state = states.at(-1)![0];
    const held = states.length >= 3;
    const id = Number(
      addEvent.run(
        brand?.id ?? null, name, year, brand?.items.get(year) ?? null, null, start, end, place.code, place.path,
        `${place.name}${pick(VENUES)}`, organiser, org.unitById.get(organiser)!.region.path, JSON.stringify(co),
        JSON.stringify(participants), '开幕式、主旨推介、项目签约、座谈交流',
        held ? `${name}顺利举办，共 ${people} 人参加。` : '', states.length >= 4 ? pick(REVIEWS) : '', 'planned',
        1, actor.id, at(created, 10), at(created, 10),
      ).lastInsertRowid,
    ); // prettier-ignore
    counts.activity_events++;
    const log = (stamp: string, action: string, from: string | null, to: string | null, note = '') => {
      addLog.run(id, stamp, actor.id, actor.name, action, from, to, note);
      counts.activity_event_log++;
    };
    let version = 1;
    let updated = at(created, 10);
    const bump = (stamp: string) => {
      version++;
      updated = stamp;
    };
    log(at(created, 10), 'create', null, 'planned');
    for (const [i, [to, stamp]] of states.entries()) {
      if (i === 0) continue;
      log(stamp, 'transition', states[i - 1]![0], to);
      bump(stamp);
      if (to === 'preparing') {
        // The checklist, typed on the day preparation starts; ticked off before the event.
        const done: Array<[string, string]> = [];
        for (const title of some(CHECKLIST, between(2, 4))) {
          const due = plusDays(prep, between(1, 14)); // preparation starts 15 to 30 days before
          const doneOn = held
            ? [plusDays(due, -between(0, 5)), prep].sort().at(-1)!
            : due < today && rnd() < 0.6
              ? due
              : null;
          addItem.run(id, title, pick([organiser, ...co]), due, doneOn);
          counts.activity_checklist_items++;
          log(at(prep, 11), 'checklist_add', null, null, title);
          bump(at(prep, 11));
          if (doneOn) done.push([doneOn, title]);
        }
        for (const [day, title] of done.sort()) {
          log(at(day, 15), 'checklist_done', null, null, title);
          bump(at(day, 15));
        }
      }
      // Outcomes are recorded once the event is held, before its 复盘 (not every event brings any).
      if (to === 'held' && rnd() < 0.9)
        counts.activity_event_log += outcomes.record({
          id,
          profile: brand?.profile ?? 'general',
          heldOn: end,
          regions: [place, ...place.children].map((p) => ({
            code: p.code,
            path: p.path,
            units: [p.dept, ...p.units],
          })),
          actor,
        });
    }
    setEvent.run(state, version, updated, id);
  }

  let step = 0;
  for (const year of years) {
    conn.transaction(() => {
      for (const r of org.regions)
        for (let i = 0, n = Math.round(eventsPerYear[r.level] * (0.7 + 0.6 * rnd())); i < n; i++)
          event(year, r);
    })();
    progress(stage, ++step, years.length);
  }
  return { ...counts, ...outcomes.counts, signed_amount_fen: outcomes.signedFen() };
}
