// A lived-in demo (演示数据): the year so far, played through the product's own services. A copy of the
// example plan for the current year is decomposed into tasks (province → city → county), units sign and
// report month by month, staff review, the daily job runs every night, and the clock is a ManualClock
// stepped from early January to today, so timestamps, colours and their history, timelines, inbox
// messages and audit rows are exactly what the product writes. See docs/decisions/demo-history.md.
import type { RequestContext } from '../../core/access/actor.ts';
import { HOUR, ManualClock, type Clock } from '../../core/clock.ts';
import type { Services } from '../../core/services.ts';
import { readAllMessages } from '../inbox/index.ts';
import { seedDemoPlanCopy } from '../plans/index.ts';
import {
  acceptReport,
  decideAdjustment,
  findTaskById,
  getTaskDetail,
  insertNewTask,
  listReports,
  moveTask,
  remindMissing,
  requestAdjustment,
  returnReport,
  submitReport,
  taskCreateBody,
  tasksDaily,
} from '../tasks/index.ts';
import { at, dayOf, plusDays, resolveDay } from './demo.calendar.ts';
import { seedDemoCases } from './demo.cases.ts';
import { seedDemoContacts } from './demo.contacts.ts';
import { seedDemoPairings } from './demo.pairings.ts';
import { seedDemoActivities } from './demo.activities.ts';
import { seedDemoTraining } from './demo.training.ts';
import { demoPeople, type DemoPeople } from './demo.people.ts';
import {
  outcomeOf,
  percentAt,
  reportContent,
  submitDayOf,
  type Outcome,
  type PeriodRow,
} from './demo.reporting.ts';
import { EVENTS, type EventSpec } from './demo.events.ts';
import { DemoSupervision, isSupervisionEvent } from './demo.supervision.ts';
import { TASKS, type TaskSpec } from './demo.script.ts';

// Who acts for each lead unit (its handler, or its region's staff for a 统战部); units without anyone
// (章丘区, 临沂市) never sign.
const LEAD_PEOPLE: Record<string, string> = {
  中共山东省委统战部: 'staff',
  办公室: 'staff',
  党派工作处: 'liuyang',
  经济处: 'gaofeng',
  港澳台海外联络处: 'chenchen',
  民族宗教处: 'mali',
  山东省发展和改革委员会: 'handler',
  中共济南市委统战部: 'jinan_staff',
  中共青岛市委统战部: 'qingdao_staff',
  中共淄博市委统战部: 'zibo_staff',
  中共烟台市委统战部: 'yantai_staff',
  中共济南市历下区委统战部: 'lixia_staff',
  中共济南市历城区委统战部: 'licheng_staff',
};

const SYSTEM: RequestContext = { actor: null, ip: '127.0.0.1', requestId: 'demo-seed' };

interface Live {
  spec: TaskSpec;
  id: number;
  by: string;
  lead: string | undefined;
  seen: Set<string>;
  periods: number;
  percent: number;
  returned: Set<string>;
  milestoneIds: Map<string, number>;
  indicatorIds: Map<string, number>;
}

export interface DemoSummary {
  tasks: number;
  reports: number;
  seconds: number;
}

/**
 * Plays the demo year up to the clock of `s`. `servicesAt` builds the same services on another clock (the
 * app's buildServices). Does nothing (null) when the province already has a plan for this year.
 */
export async function seedDemoHistory(
  s: Services,
  servicesAt: (clock: Clock) => Services,
  accounts: readonly string[],
): Promise<DemoSummary | null> {
  const started = Date.now();
  const today = dayOf(s.clock.now());
  const year = Number(today.slice(0, 4));
  // The history starts on 4 January (in the year's first days: an hour ago, so nothing lies ahead of now).
  const startAt = new Date(Math.min(at(`${year}-01-04`, '09:00').getTime(), s.clock.now().getTime() - HOUR));
  const clock = new ManualClock(startAt);
  const past = servicesAt(clock);
  const plan = await seedDemoPlanCopy(past, year);
  if (!plan) return null;
  // Thousands of small commits: not waiting for the disk at each keeps `npm start` quick. A power cut now
  // loses only the demo; full durability is back before the server takes its first request.
  return s.db.dialect.withRelaxedDurability(s.db.kysely, async () => {
    const people = await demoPeople(past, accounts);
    const story = new Story(past, clock, people, plan.items, year, s.clock.now());
    await story.play(plusDays(dayOf(startAt), 1));
    const contacts = await seedDemoContacts(past, people);
    await seedDemoCases(past, people, contacts);
    await seedDemoPairings(past, people, year, contacts.provincialFederationId);
    await seedDemoActivities(past, people, plan, year);
    await seedDemoTraining(past, people, year);
    return { tasks: story.tasks, reports: story.reports, seconds: (Date.now() - started) / 1000 };
  });
}

type Step = () => Promise<void>;

class Story {
  tasks = 0;
  reports = 0;
  private readonly live = new Map<string, Live>();
  private readonly agenda = new Map<string, Step[]>();
  private step = 0;
  private readonly supervision: DemoSupervision;

  constructor(
    private readonly s: Services,
    private readonly clock: ManualClock,
    private readonly people: DemoPeople,
    private readonly items: { id: number; heading: string }[],
    private readonly year: number,
    // The real now: the story ends there (today's night pass, when past; nothing later).
    private readonly now: Date,
    private readonly today = dayOf(now),
  ) {
    this.supervision = new DemoSupervision(
      s,
      (u) => people.ctx(u),
      (key) => {
        const live = this.live.get(key);
        return live && { id: live.id, lead: live.lead, manager: this.reviewerOf(live) };
      },
    );
  }

  private on(day: string, step: Step) {
    if (day >= this.today) return; // today and later: not yet happened
    const list = this.agenda.get(day) ?? [];
    list.push(step);
    this.agenda.set(day, list);
  }

  private day(when: string | number) {
    return resolveDay(when, this.year, this.today);
  }

  private tick() {
    // Each step a few minutes after the previous one, from 09:00, so the record reads in order.
    this.clock.set(new Date(at(dayOf(this.clock.now()), '09:00').getTime() + this.step++ * 180_000));
  }

  async play(first: string) {
    for (const spec of TASKS)
      this.on(this.day(spec.assignOn), () => this.create(spec, null, spec.by ?? 'staff'));
    for (const event of EVENTS) this.on(this.day(event.on), () => this.happen(event));
    for (let day = first; day <= this.today; day = plusDays(day, 1)) {
      const night = at(day, '00:30');
      if (night > this.now) break;
      this.clock.set(night);
      await tasksDaily.run(this.s, {}, this.jobContext(day));
      if (day === this.today) break; // the day has only begun
      if (day.endsWith('-01')) for (const live of this.live.values()) await this.planPeriods(live, day);
      this.clock.set(at(day, '09:00'));
      this.step = 0;
      // Steps may add steps for the same day (a task signed today is decomposed later): run until none.
      for (let i = 0; i < (this.agenda.get(day)?.length ?? 0); i++) {
        this.tick();
        await this.agenda.get(day)![i]!();
      }
      this.agenda.delete(day);
    }
  }

  private jobContext(day: string) {
    return {
      jobId: 0,
      key: `tasks.daily:${day}`,
      attempt: 1,
      maxAttempts: 1,
      runAt: this.clock.now(),
      system: SYSTEM,
    };
  }

  private async create(spec: TaskSpec, parent: Live | null, by: string) {
    const day = dayOf(this.clock.now());
    const item = spec.item ? this.items.find((i) => i.heading.startsWith(spec.item!)) : undefined;
    const date = (mmdd: string) => `${this.year}-${mmdd}`;
    const input = taskCreateBody.parse({
      planItemId: parent ? null : (item?.id ?? null),
      parentId: parent?.id ?? null,
      source: parent || item ? 'plan' : 'other',
      title: spec.title,
      description: spec.description,
      leadUnitId: this.people.unitId(spec.lead),
      cooperatingUnitIds: (spec.coop ?? []).map((u) => this.people.unitId(u)),
      startDate: date(spec.start),
      dueDate: date(spec.due),
      cycle: spec.cycle,
      milestones: (spec.milestones ?? []).map((m) => ({ title: m.title, dueDate: date(m.due) })),
      indicators: (spec.indicators ?? []).map((i) => ({
        name: i.name,
        measureUnit: i.unit,
        baseline: i.baseline,
        target: i.target,
      })),
      assign: !spec.draft,
    });
    const ctx = this.people.ctx(by);
    const id = await this.s.db.kysely.transaction().execute((trx) => insertNewTask(trx, this.s, ctx, input));
    const detail = await getTaskDetail(this.s, ctx, id);
    const live: Live = {
      spec,
      id,
      by,
      lead: LEAD_PEOPLE[spec.lead],
      seen: new Set(),
      periods: 0,
      percent: 0,
      returned: new Set(),
      milestoneIds: new Map(detail.milestones.map((m) => [m.title, m.id])),
      indicatorIds: new Map(detail.indicators.map((i) => [i.name, i.id])),
    };
    this.live.set(spec.key, live);
    this.tasks++;
    if (spec.draft || spec.signAfter === null || !live.lead) return;
    this.on(plusDays(day, spec.signAfter ?? 2), () => this.sign(live));
  }

  private async sign(live: Live) {
    const task = (await findTaskById(this.s.db.kysely, live.id))!;
    await moveTask(this.s, this.people.ctx(live.lead!), task, task.version, 'sign');
    const day = dayOf(this.clock.now());
    await this.planPeriods(live, day);
    // Decomposed by the people who act for the lead unit (its region's staff), a day or two later.
    for (const child of live.spec.children ?? []) {
      const on = this.day(child.assignOn);
      this.on(on > day ? on : plusDays(day, 1), () => this.create(child, live, live.lead!));
    }
  }

  /** The report rows opened so far that the story has not planned yet: when each goes in, and how. */
  private async planPeriods(live: Live, day: string) {
    const task = await findTaskById(this.s.db.kysely, live.id);
    if (!task || !['accepted', 'completion_requested'].includes(task.status)) return;
    for (const row of await listReports(this.s, task)) {
      if (live.seen.has(row.periodKey)) continue;
      live.seen.add(row.periodKey);
      const outcome = outcomeOf(live.spec.reporting ?? {}, live.periods++);
      if (outcome === 'missing') continue;
      const submit = submitDayOf(live.spec.reporting ?? {}, row, outcome);
      this.on(submit > day ? submit : day, () => this.submit(live, row, outcome));
    }
  }

  private async openRow(live: Live, periodKey: string) {
    const task = (await findTaskById(this.s.db.kysely, live.id))!;
    if (!['accepted', 'completion_requested'].includes(task.status)) return null;
    const row = (await listReports(this.s, task)).find((r) => r.periodKey === periodKey)!;
    return { task, row };
  }

  private async submit(live: Live, period: PeriodRow, outcome: Outcome) {
    const open = await this.openRow(live, period.periodKey);
    if (!open || !['due', 'draft', 'returned'].includes(open.row.status)) return;
    const day = dayOf(this.clock.now());
    const { task } = open;
    live.percent = percentAt(live.spec, task.start_date, task.due_date, period.periodEnd, live.percent);
    const content = reportContent({
      spec: live.spec,
      row: period,
      percent: live.percent,
      day,
      milestoneIds: live.milestoneIds,
      indicatorIds: live.indicatorIds,
      thin: outcome === 'returned' && !live.returned.has(period.periodKey),
      late: outcome === 'late',
    });
    await submitReport(
      this.s,
      this.people.ctx(live.lead!),
      task,
      period.periodKey,
      open.row.version,
      content,
    );
    if (open.row.status !== 'returned') this.reports++;
    this.on(plusDays(day, 1), () => this.review(live, period, outcome));
  }

  private async review(live: Live, period: PeriodRow, outcome: Outcome) {
    const open = await this.openRow(live, period.periodKey);
    if (!open || open.row.status !== 'submitted') return;
    const reviewer = this.people.ctx(this.reviewerOf(live));
    if (outcome === 'returned' && !live.returned.has(period.periodKey)) {
      live.returned.add(period.periodKey);
      const comment = '请补充本期指标完成情况和具体工作举措，并附佐证材料后重新报送。';
      await returnReport(this.s, reviewer, open.task, period.periodKey, open.row.version, comment);
      this.on(plusDays(dayOf(this.clock.now()), 2), () => this.submit(live, period, outcome));
      return;
    }
    await acceptReport(this.s, reviewer, open.task, period.periodKey, open.row.version);
  }

  /** Top-level tasks: whoever created them; a child: the staff who decomposed its parent. */
  private reviewerOf(live: Live): string {
    return live.by;
  }

  private async happen(event: EventSpec) {
    if (event.do === 'remind') {
      await remindMissing(this.s, this.people.ctx(event.by), {});
      return;
    }
    if (event.do === 'readInbox') {
      for (const username of event.by) await readAllMessages(this.s, this.people.ctx(username), undefined);
      return;
    }
    if (isSupervisionEvent(event)) {
      await this.supervision.happen(event);
      return;
    }
    const live = this.live.get(event.task);
    const task = live && (await findTaskById(this.s.db.kysely, live.id));
    if (!live || !task || !live.lead) return;
    const lead = this.people.ctx(live.lead);
    const manager = this.people.ctx(this.reviewerOf(live));
    switch (event.do) {
      case 'requestCompletion':
        if (task.status === 'accepted')
          await moveTask(this.s, lead, task, task.version, 'requestCompletion', { summary: event.summary });
        return;
      case 'confirmCompletion':
        if (task.status !== 'completion_requested') return;
        await moveTask(this.s, manager, task, task.version, 'confirmCompletion');
        await this.copyToLeaders(task.title, task.id, task.manager_region_code);
        return;
      case 'cancel':
        await moveTask(this.s, manager, task, task.version, 'cancel', { reason: event.reason });
        return;
      case 'adjust':
        if (['assigned', 'accepted'].includes(task.status))
          await requestAdjustment(this.s, lead, task, {
            kind: 'deadline',
            reason: event.reason,
            dueDate: this.day(event.dueDate),
          });
        return;
      case 'decideAdjustment': {
        const pending = (await getTaskDetail(this.s, manager, task.id)).adjustments.find(
          (a) => a.status === 'pending',
        );
        if (pending)
          await decideAdjustment(this.s, manager, task, pending.id, {
            approve: event.approve,
            comment: event.comment,
          });
        return;
      }
    }
  }

  // The product tells no leader of anything yet (批示 and the leader's digest come with supervision);
  // in the demo the region's leaders get a copy of a confirmed completion, so their inbox is not empty.
  private async copyToLeaders(title: string, taskId: number, regionCode: string) {
    await this.s.db.kysely.transaction().execute((trx) =>
      this.s.notify(trx, {
        recipients: [{ regionCode, roles: ['leader'] }],
        kind: 'task.completed',
        title: `《${title}》已确认办结（销号）`,
        body: '抄送部领导',
        object: { type: 'task', id: taskId },
      }),
    );
  }
}
