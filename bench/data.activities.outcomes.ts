// The outcomes (活动成效) of a held event in `npm run bench:data`, as outcome.service.ts records them: signed
// projects (money as integer 分, follow-up dates 开工/投产/资金到位, the status history the edits wrote),
// talents by kind (counts only), enterprises brought in or gone out, villages served, other indicator
// values. What an event brings depends on its brand: a 招商 brand signs projects, a 乡村振兴 brand serves
// villages. Their reminders go through the shared reminder ladder, which keeps its own ledger.
import type SQLite from 'better-sqlite3';
import { plusDays } from './data.cases.life.ts';
import { inserter } from './data.common.ts';

export type Profile = 'invest' | 'talent' | 'village' | 'media' | 'general';

export interface HeldEvent {
  id: number;
  profile: Profile;
  heldOn: string; // the event's last day
  regions: Array<{ code: string; path: string; units: number[] }>; // where outcomes may land
  actor: { id: number; name: string };
}

const INDUSTRIES = [
  '高端装备',
  '新能源',
  '新材料',
  '生物医药',
  '现代海洋',
  '数字经济',
  '现代物流',
  '精细化工',
  '文化旅游',
  '智慧农业',
];
const PROJECT_KINDS = ['产业园', '研发中心', '生产基地', '总部项目', '供应链中心', '示范工程'];
const INVESTORS = ['香港', '澳门', '台湾', '新加坡', '北京', '上海', '深圳', '杭州'];
const INVESTOR_KINDS = ['控股集团', '投资有限公司', '科技有限公司', '实业集团', '医药有限公司'];
const TALENT_KINDS = ['高层次人才', '留学回国人员', '专精特新企业人才', '高技能人才'];
const OTHER_INDICATORS: Array<[name: string, measureUnit: string]> = [
  ['媒体报道', '篇'],
  ['捐赠物资', '万元'],
  ['培训人次', '人次'],
];
const STAGES = ['意向协议', '框架协议', '正式合同'];

const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:30:00.000+08:00`;

export function outcomeWriter(conn: SQLite.Database, today: string, rnd: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const insert = inserter(conn);
  const addOutcome = insert('activity_outcomes', [
    'event_id', 'kind', 'name', 'enterprise', 'amount_fen', 'stage', 'status', 'responsible_unit_id',
    'region_code', 'region_path', 'quantity', 'value', 'measure_unit', 'task_indicator_id',
    'indicator_amount', 'version', 'created_by', 'created_at', 'updated_at',
  ]); // prettier-ignore
  const addFollowup = insert('activity_followups', [
    'outcome_id', 'kind', 'due_date', 'done_on',
  ]); // prettier-ignore
  const addHistory = insert('activity_project_history', ['outcome_id', 'at', 'status', 'note', 'actor_name']);
  const addLog = insert('activity_event_log', [
    'event_id', 'at', 'actor_id', 'actor_name', 'action', 'from_state', 'to_state', 'note',
  ]); // prettier-ignore
  const counts = {
    activity_outcomes: 0,
    signed_projects: 0,
    activity_followups: 0,
    activity_project_history: 0,
  };
  let fen = 0; // the signed money of all projects, as the totals sum it (integer 分)

  // A follow-up's reminder marks as the daily job leaves them (activity.reminders.ts: three days before,
  // unless done by then, and once past due while not done); a cancelled project's are never sent.

  function project(e: HeldEvent, recorded: string) {
    const where = pick(e.regions);
    // 200 万元 to 10 亿元, most in the thousands; a quarter with 万元 decimals (to the 元).
    const wan = Math.round(Math.exp(Math.log(200) + rnd() * Math.log(500)));
    const amount = wan * 1_000_000 + (rnd() < 0.25 ? between(1, 9999) * 100 : 0);
    const months = (Date.parse(today) - Date.parse(recorded)) / (30 * 86_400_000);
    // Where the project got to by today: older projects further on, some stalled or ended.
    const r = rnd();
    const path: string[] =
      months < 3
        ? ['signed']
        : r < 0.08
          ? ['signed', 'cancelled']
          : r < 0.18
            ? ['signed', 'stalled']
            : months < 9 || r < 0.45
              ? ['signed', 'started']
              : ['signed', 'started', 'producing'];
    const status = path.at(-1)!;
    const name = `${pick(INDUSTRIES)}${pick(PROJECT_KINDS)}`;
    const id = Number(
      addOutcome.run(
        e.id, 'project', name,
        `${pick(INVESTORS)}某${pick(INDUSTRIES)}${pick(INVESTOR_KINDS)}`, amount, pick(STAGES), status,
        rnd() < 0.7 ? pick(where.units) : null, where.code, where.path, 1, null, null, null, null,
        path.length, e.actor.id, at(recorded, 16), at(recorded, 16),
      ).lastInsertRowid,
    ); // prettier-ignore
    fen += amount;
    counts.signed_projects++;
    // The follow-up dates typed at signing; done as far as the project got.
    const live = status !== 'cancelled';
    const start = plusDays(recorded, between(60, 180));
    const followups: Array<['start' | 'production' | 'funding', string, string | null]> = [
      ['start', start, path.includes('started') && start <= today ? start : null],
    ];
    if (rnd() < 0.7) {
      const due = plusDays(recorded, between(90, 365));
      followups.push(['funding', due, due < today && live && rnd() < 0.7 ? due : null]);
    }
    if (rnd() < 0.5) {
      const due = plusDays(start, between(180, 360));
      followups.push(['production', due, path.includes('producing') && due <= today ? due : null]);
    }
    for (const [kind, due, done] of followups) {
      addFollowup.run(id, kind, due, done);
      counts.activity_followups++;
    }
    // One history row per status the project had: signed when recorded, then each later edit.
    let day = recorded;
    for (const [i, s] of path.entries()) {
      if (i > 0) day = [plusDays(day, between(30, 120)), today].sort()[0]!;
      addHistory.run(id, at(day, 10), s, i === 0 ? '' : '按项目进展更新', e.actor.name);
      counts.activity_project_history++;
    }
    return `签约项目：${name}`;
  }

  function count(e: HeldEvent, kind: string, name: string, quantity: number, recorded: string) {
    const where = e.regions[0]!;
    addOutcome.run(
      e.id, kind, name, null, null, null, null, null, where.code, where.path, quantity, null, null, null,
      null, 1, e.actor.id, at(recorded, 16), at(recorded, 16),
    ); // prettier-ignore
  }

  /** The outcomes of one held event, each with its timeline entry (outcome_add); returns how many. */
  function record(e: HeldEvent): number {
    // Recorded within four days of the event (before its 复盘 and close).
    const recorded = [plusDays(e.heldOn, between(1, 4)), today].sort()[0]!;
    const notes: string[] = [];
    const n = (lo: number, hi: number) => between(lo, hi);
    const projects =
      e.profile === 'invest' ? n(2, 8) : e.profile === 'talent' || e.profile === 'village' ? n(0, 2) : 0;
    for (let i = 0; i < projects; i++) notes.push(project(e, recorded));
    const add = (kind: string, name: string, quantity: number, label: string) => {
      count(e, kind, name, quantity, recorded);
      notes.push(`${label}：${name}`);
    };
    if (e.profile === 'invest' || e.profile === 'talent')
      for (let i = 0, k = e.profile === 'talent' ? n(1, 3) : 1; i < k; i++)
        add('talents', TALENT_KINDS[i % TALENT_KINDS.length]!, n(1, 30), '引进人才');
    if (e.profile === 'invest' || (e.profile === 'talent' && rnd() < 0.5))
      add('enterprises_in', '引进企业', n(1, 10), '引进企业');
    if ((e.profile === 'invest' || e.profile === 'media') && rnd() < 0.3)
      add('enterprises_out', '企业走出去', n(1, 5), '企业走出去');
    if (e.profile === 'village') add('villages', '结对帮扶村', n(1, 20), '服务村庄');
    if (e.profile === 'media' || e.profile === 'village' || (e.profile === 'general' && rnd() < 0.6)) {
      const [name, unit] = pick(OTHER_INDICATORS);
      const value = unit === '万元' ? `${n(5, 300)}.${n(0, 9)}` : String(n(3, 200));
      const where = e.regions[0]!;
      addOutcome.run(
        e.id, 'other', name, null, null, null, null, null, where.code, where.path, 1, value, unit, null,
        null, 1, e.actor.id, at(recorded, 16), at(recorded, 16),
      ); // prettier-ignore
      notes.push(`其他指标：${name}`);
    }
    for (const note of notes) {
      addLog.run(e.id, at(recorded, 16), e.actor.id, e.actor.name, 'outcome_add', null, null, note);
      counts.activity_outcomes++;
    }
    return notes.length;
  }

  return { record, counts, signedFen: () => fen };
}
