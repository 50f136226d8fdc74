// The sections of a 督办通报, each written by a builder from the record: the same lists and board a
// person opens (GET /api/tasks, GET /api/reports/missing, GET /api/instructions), so every figure agrees
// with its list. A new section is one more builder in SECTION_BUILDERS; the bulletin numbers the sections
// in this order.
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import { countWrittenInSubtree } from '../instructions/index.ts';
import { countNoticesInSubtree } from '../notices/index.ts';
import { listVisibleTasks, missingUnits, taskListQuery } from '../tasks/index.ts';
import { listCompletedBetween, listNoticesBetween } from './bulletin.repository.ts';

export interface BulletinTable {
  columns: string[];
  rows: string[][];
  // "另有 12 项未列出" when the list is longer than the table shows.
  note: string | null;
}

export interface BulletinSection {
  key: string;
  heading: string;
  // Paragraphs, one per line: what staff edit before issuing.
  text: string;
  // Figures the text was written from, frozen with the bulletin (the API test compares them to the lists).
  figures: Record<string, number>;
  table: BulletinTable | null;
}

export interface BulletinPeriod {
  kind: 'month' | 'quarter';
  key: string;
  label: string;
  year: number;
  start: string;
  end: string;
}

export interface BuildContext {
  s: Services;
  ctx: RequestContext;
  region: { code: string; name: string; path: string };
  period: BulletinPeriod;
  // Asia/Shanghai date the bulletin is generated on (the figures are "as of" it).
  today: string;
}

type Built = Omit<BulletinSection, 'key' | 'heading'>;

interface SectionBuilder {
  key: string;
  title: string;
  build(b: BuildContext): Promise<Built>;
}

/** A table lists at most this many rows; the figures above it stay exact. */
const TABLE_ROWS = 50;
const OPEN_STATUSES = 'assigned,accepted,completion_requested';

// One page of the task list, asked exactly as the web app asks it.
function taskList(b: BuildContext, query: Record<string, string>) {
  return listVisibleTasks(
    b.s,
    b.ctx,
    taskListQuery.parse({ regionCode: b.region.code, year: String(b.period.year), ...query }),
  );
}

const percent = (part: number, whole: number) => (whole === 0 ? '0' : ((part * 100) / whole).toFixed(1));
const cut = <T>(rows: T[], total: number) => ({
  rows: rows.slice(0, TABLE_ROWS),
  note: total > TABLE_ROWS ? `（表中列出前 ${TABLE_ROWS} 项，共 ${total} 项）` : null,
});

const overview: SectionBuilder = {
  key: 'overview',
  title: '总体情况',
  async build(b) {
    const all = await taskList(b, { limit: '1' });
    const byStatus: Record<string, number> = {};
    for (const status of [
      'assigned',
      'accepted',
      'completion_requested',
      'completed',
      'cancelled',
      'draft',
    ]) {
      byStatus[status] = (await taskList(b, { status, limit: '1' })).counts.total;
    }
    const assigned = all.counts.total - byStatus.draft! - byStatus.cancelled!;
    const figures = {
      total: all.counts.total,
      assigned,
      ...byStatus,
      green: all.counts.green,
      yellow: all.counts.yellow,
      red: all.counts.red,
      none: all.counts.none,
    };
    const text = [
      `截至${cnDate(b.today)}，${b.region.name}${b.period.year}年度共有交办任务${assigned}项（不含草稿和已撤销的任务），` +
        `其中已办结${byStatus.completed}项，办结率${percent(byStatus.completed!, assigned)}%；` +
        `办理中${byStatus.accepted}项，待签收${byStatus.assigned}项，申请办结待确认${byStatus.completion_requested}项。`,
      `按红黄绿灯分，红灯${all.counts.red}项、黄灯${all.counts.yellow}项、绿灯${all.counts.green}项。`,
    ].join('\n');
    return { text, figures, table: null };
  },
};

const completed: SectionBuilder = {
  key: 'completed',
  title: '本期办结的任务',
  async build(b) {
    const rows = await listCompletedBetween(
      b.s.db.kysely,
      b.region.path,
      b.period.year,
      b.period.start,
      b.period.end,
    );
    const names = rows.slice(0, 5).map((r) => `《${r.title}》（${r.unit_name}）`);
    const text =
      rows.length === 0
        ? `${b.period.label}没有办结确认的任务。`
        : `${b.period.label}共办结确认任务${rows.length}项，包括${names.join('、')}${rows.length > 5 ? '等' : ''}。`;
    const shown = cut(rows, rows.length);
    return {
      text,
      figures: { completed: rows.length },
      table:
        rows.length === 0
          ? null
          : {
              columns: ['序号', '任务', '牵头单位', '办结日期'],
              rows: shown.rows.map((r, i) => [
                String(i + 1),
                r.title,
                r.unit_name,
                (r.ended_at ?? '').slice(0, 10),
              ]),
              note: shown.note,
            },
    };
  },
};

const red: SectionBuilder = {
  key: 'red',
  title: '红灯任务',
  async build(b) {
    const list = await taskList(b, { health: 'red', sort: 'due', limit: String(TABLE_ROWS) });
    const total = list.counts.red;
    const text =
      total === 0
        ? '目前没有红灯任务。'
        : `目前有红灯任务${total}项，请牵头单位逐项分析原因，明确整改措施和完成时限，按期报送整改情况。`;
    return {
      text,
      figures: { red: total },
      table:
        total === 0
          ? null
          : {
              columns: ['序号', '任务', '牵头单位', '完成时限', '原因'],
              rows: list.items.map((t, i) => [
                String(i + 1),
                t.title,
                t.leadUnit.name,
                t.dueDate,
                t.healthReasons.map((r) => r.message).join('；'),
              ]),
              note: cut([], total).note,
            },
    };
  },
};

const overdue: SectionBuilder = {
  key: 'overdue',
  title: '逾期未办结的任务',
  async build(b) {
    const list = await taskList(b, {
      status: OPEN_STATUSES,
      dueTo: dayBefore(b.today),
      sort: 'due',
      limit: String(TABLE_ROWS),
    });
    const total = list.counts.total;
    const text =
      total === 0
        ? '目前没有超过完成时限仍未办结的任务。'
        : `目前有${total}项任务超过完成时限仍未办结，请牵头单位抓紧办理，确需调整时限的按程序申请调整。`;
    return {
      text,
      figures: { overdue: total },
      table:
        total === 0
          ? null
          : {
              columns: ['序号', '任务', '牵头单位', '完成时限', '进度'],
              rows: list.items.map((t, i) => [
                String(i + 1),
                t.title,
                t.leadUnit.name,
                t.dueDate,
                `${t.progress}%`,
              ]),
              note: cut([], total).note,
            },
    };
  },
};

const missing: SectionBuilder = {
  key: 'missing',
  title: '未按时报送进度的单位',
  async build(b) {
    const board = await missingUnits(b.s, b.ctx, { period: b.period.key, regionCode: b.region.code });
    const { units, totals } = board;
    const text =
      units.length === 0
        ? `${b.period.label}的进度报告均已按时报送。`
        : `${b.period.label}有${units.length}个单位的${totals.missing + totals.returned}份进度报告逾期未报送或退回未改，` +
          `请相关单位于收到通报后3个工作日内补报。`;
    const shown = cut(units, units.length);
    return {
      text,
      figures: { units: totals.units, missing: totals.missing, returned: totals.returned },
      table:
        units.length === 0
          ? null
          : {
              columns: ['序号', '单位', '地区', '未报送', '退回未改'],
              rows: shown.rows.map((u, i) => [
                String(i + 1),
                u.unitName,
                u.regionName,
                String(u.missing),
                String(u.returned),
              ]),
              note: shown.note,
            },
    };
  },
};

const NOTICE_LEVELS: Record<string, string> = { general: '一般', key: '重点', listed: '挂牌督办' };
const RATINGS: Record<string, string> = { good: '好', fair: '较好', average: '一般', poor: '差' };
const inPeriod = (at: string | null, p: BulletinPeriod) => !!at && at >= p.start && at < `${p.end}T99`;

const notices: SectionBuilder = {
  key: 'notices',
  title: '督办单办理情况',
  async build(b) {
    const rows = await listNoticesBetween(b.s.db.kysely, b.region.path, b.period.start, b.period.end);
    const issued = rows.filter((r) => inPeriod(r.issued_at, b.period));
    const closed = rows.filter((r) => inPeriod(r.closed_at, b.period));
    const now = await countNoticesInSubtree(b.s, b.region.path);
    const text =
      `${b.period.label}下发督办单${issued.length}件` +
      `（挂牌督办${issued.filter((r) => r.level === 'listed').length}件、重点${issued.filter((r) => r.level === 'key').length}件），` +
      `办结${closed.length}件。截至${cnDate(b.today)}，尚未办结的督办单${now.open}件，其中超过期限${now.overdue}件。`;
    const shown = cut(rows, rows.length);
    return {
      text,
      figures: { issued: issued.length, closed: closed.length, open: now.open, overdue: now.overdue },
      table:
        rows.length === 0
          ? null
          : {
              columns: ['序号', '任务', '牵头单位', '级别', '办理情况'],
              rows: shown.rows.map((r, i) => [
                String(i + 1),
                r.title,
                r.unit_name,
                NOTICE_LEVELS[r.level] ?? r.level,
                r.status === 'closed'
                  ? `已办结${r.rating ? `（评价：${RATINGS[r.rating] ?? r.rating}）` : ''}`
                  : '办理中',
              ]),
              note: shown.note,
            },
    };
  },
};

// The leaders' 批示 written in the period on the region's subtree and where their follow-up stands now:
// the 批示办理 list opened with regionCode, from = the period's start, to = its end (and kind=act,
// status=awaiting / done) shows the same instructions.
const instructions: SectionBuilder = {
  key: 'instructions',
  title: '领导批示落实情况',
  async build(b) {
    const n = await countWrittenInSubtree(b.s, {
      regionPath: b.region.path,
      from: b.period.start,
      to: b.period.end,
    });
    const text =
      n.written === 0
        ? `${b.period.label}没有领导批示。`
        : `${b.period.label}领导作出批示${n.written}件，其中批办${n.act}件。截至${cnDate(b.today)}，` +
          `批办事项已落实${n.done}件，尚待落实${n.awaiting}件` +
          `${n.awaiting > 0 ? '，请责任单位抓紧落实并及时反馈落实情况' : ''}。`;
    return { text, figures: n, table: null };
  },
};

// Picked by staff, not computed: the draft holds a placeholder line they replace (or delete).
const practices: SectionBuilder = {
  key: 'practices',
  title: '经验做法',
  build: () =>
    Promise.resolve({
      text: '（请填写本期值得推广的经验做法，每条一段；无则删除本节内容。）',
      figures: {},
      table: null,
    }),
};

/** The sections in the bulletin's order. */
const SECTION_BUILDERS: readonly SectionBuilder[] = [
  overview,
  completed,
  red,
  overdue,
  missing,
  notices,
  instructions,
  practices,
];

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export async function buildSections(b: BuildContext): Promise<BulletinSection[]> {
  const out: BulletinSection[] = [];
  for (const [i, builder] of SECTION_BUILDERS.entries()) {
    const built = await builder.build(b);
    out.push({ key: builder.key, heading: `${NUMERALS[i] ?? String(i + 1)}、${builder.title}`, ...built });
  }
  return out;
}

export function cnDate(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
