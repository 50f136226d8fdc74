// One generated case played through its type's workflow (bench/data.cases.ts): the steps a case takes
// from its creation day, each a working day or more after the last, until it reaches a final state or
// the next step would fall after today. Each step changes the row as the product's step does
// (server/modules/cases/actions/steps.*.ts), sets the running deadline as runAction does (the state's
// working days; weekends skipped, holidays not) and adds the timeline entry with the same payload.
import type { CaseTypeConfig } from '../server/modules/cases/engine/engine.ts';
import type { CaseState, CaseType } from '../server/modules/cases/engine/vocabulary.ts';

export interface Actor {
  id: number;
  name: string;
  unit: number;
  org: number;
}

export interface PlaceRef {
  code: string;
  path: string;
  level: string;
  staff: Actor;
  handling: number[];
}

export interface CaseDraft {
  type: CaseType;
  created: string;
  year: number;
  region: PlaceRef;
  submitterRegion: PlaceRef;
  author: Actor;
  title: string;
  body: Record<string, unknown>;
  subtype: string | null;
  projectId?: number | undefined;
  meetingId?: number | undefined;
  cosigners: Actor[];
  lead: number;
}

export interface LifeHelpers {
  staff: Actor;
  answerer: (unit: number) => Actor;
  unitName: (unit: number) => string;
  mainFor: (at: string) => { id: number; title: string } | undefined;
  letter: () => string;
  leaderLevel: string;
  otherUnit: () => number;
}

export const plusDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0;) {
    d = plusDays(d, 1);
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return d;
}

class Stop extends Error {}
const RATING_ORDER = ['satisfied', 'basically_satisfied', 'unsatisfied'];
const RATING_LABEL: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

export class CaseLife {
  state: CaseState = 'draft';
  version = 1;
  row = {
    state: 'draft' as string,
    round: 1,
    is_key: 0,
    merged_into_id: null as number | null,
    lead_unit_id: null as number | null,
    due_date: null as string | null,
    adopted: 0,
    adoption_note: null as string | null,
    adopted_at: null as string | null,
    submitted_at: null as string | null,
    accepted_at: null as string | null,
    forwarded_at: null as string | null,
    answered_at: null as string | null,
    answered_on_time: null as number | null,
    satisfaction: null as string | null,
    closed_at: null as string | null,
  };
  events: Array<{
    at: string;
    actor: Actor | null;
    action: string;
    from: string;
    to: string;
    comment: string | null;
    payload: object;
  }> = [];
  signers: Array<{
    user: Actor;
    status: string;
    confirmBy: string;
    invitedAt: string;
    respondedAt: string | null;
  }> = [];
  handlers: Array<{ unit: number; role: string; due: string; at: string }> = [];
  answers: Array<{
    unit: number;
    round: number;
    role: string;
    letter: string;
    category: string | null;
    due: string | null;
    onTime: boolean;
    by: Actor;
    at: string;
  }> = [];
  ratings: Array<{ round: number; by: Actor; rating: string; at: string }> = [];
  instructions: Array<{ leader: string; level: string; givenOn: string; text: string; at: string }> = [];
  mergedInto: Array<{ mainId: number; at: string; mainState: string }> = [];
  private day: string;
  private minute = 0;

  constructor(
    private readonly d: CaseDraft,
    private readonly config: CaseTypeConfig,
    private readonly today: string,
    private readonly rnd: () => number,
    private readonly h: LifeHelpers,
  ) {
    this.day = d.created;
    this.minute = 9 * 60 + Math.floor(rnd() * 60);
  }

  private between = (a: number, b: number) => a + Math.floor(this.rnd() * (b - a + 1));

  /** Moves on by working days; past today, the case stops where it is. */
  private later(days: number) {
    const next = addWorkingDays(this.day, days);
    if (next > this.today) throw new Stop();
    if (next !== this.day) this.minute = 9 * 60 + this.between(0, 420);
    this.day = next;
  }

  private stamp() {
    this.minute += this.between(1, 20);
    const hh = String(Math.min(23, Math.floor(this.minute / 60))).padStart(2, '0');
    const mm = String(this.minute % 60).padStart(2, '0');
    return `${this.day}T${hh}:${mm}:${String(this.between(0, 59)).padStart(2, '0')}.000+08:00`;
  }

  /** One engine action: the new state, its running deadline, the row's changes and the timeline entry. */
  private act(
    action: string,
    to: CaseState | 'same',
    actor: Actor,
    o: {
      comment?: string | null;
      payload?: object;
      patch?: Partial<CaseLife['row']>;
      due?: string | null;
    } = {},
  ): string {
    const from = this.state;
    const next = to === 'same' ? from : to;
    const days = this.config.states[next]?.deadlineDays ?? null;
    const due =
      o.due !== undefined
        ? o.due
        : from === next
          ? this.row.due_date
          : days === null
            ? null
            : addWorkingDays(this.day, days);
    const payload = { ...o.payload, ...(due !== this.row.due_date && due ? { dueDate: due } : {}) };
    Object.assign(this.row, o.patch ?? {}, { state: next, due_date: due });
    this.state = next;
    this.version++;
    const at = this.stamp();
    this.events.push({ at, actor, action, from, to: next, comment: o.comment ?? null, payload });
    return at;
  }

  play() {
    const d = this.d;
    this.events.push({
      at: this.stamp(),
      actor: d.author,
      action: 'create',
      from: 'draft',
      to: 'draft',
      comment: null,
      payload: {},
    });
    try {
      this.drafting();
      this.review();
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
    }
  }

  private drafting() {
    const d = this.d;
    if (d.cosigners.length) {
      const confirmBy = addWorkingDays(this.day, 5);
      const at = this.act('invite_cosigner', 'same', d.author, {
        payload: { invited: d.cosigners.map((c) => c.name), confirmBy },
      });
      for (const c of d.cosigners)
        this.signers.push({ user: c, status: 'invited', confirmBy, invitedAt: at, respondedAt: null });
      for (const s of this.signers) {
        this.later(this.between(0, 2));
        const status = this.rnd() < 0.9 ? 'confirmed' : 'declined';
        s.respondedAt = this.act(
          status === 'confirmed' ? 'confirm_cosign' : 'decline_cosign',
          'same',
          s.user,
          {
            payload: { status: status === 'confirmed' ? '已确认' : '已谢绝' },
          },
        );
        s.status = status;
      }
    }
    this.later(this.between(0, 2));
    // A few of this year's stay drafts.
    if (d.created > `${this.today.slice(0, 4)}-00` && this.rnd() < 0.03) throw new Stop();
    const at = this.act('submit', 'submitted', d.author);
    this.row.submitted_at = at;
  }

  private review() {
    const d = this.d;
    const staff = this.h.staff;
    this.later(this.between(1, 4));
    const roll = this.rnd();
    if (roll < 0.06) {
      const at = this.act('decline', 'declined', staff, {
        comment: '不属于本级受理范围，建议向有关部门反映。',
      });
      this.row.closed_at = at;
      return;
    }
    if (d.type === 'proposal') {
      if (roll < 0.12) {
        this.row.closed_at = this.act('keep_for_reference', 'reference', staff);
        return;
      }
      const main = roll < 0.16 ? this.h.mainFor(this.stamp()) : undefined;
      if (main) {
        const at = this.act('merge', 'merged', staff, {
          payload: { mainId: main.id, mainTitle: main.title },
          patch: { merged_into_id: main.id },
        });
        this.row.closed_at = at;
        this.mergedInto.push({ mainId: main.id, at, mainState: 'accepted' });
        return;
      }
    }
    if (d.type === 'proposal' || d.type === 'grassroots') {
      this.row.accepted_at = this.act('accept', 'accepted', staff);
      if (this.rnd() < 0.08) this.act('mark_key', 'same', staff, { patch: { is_key: 1 } });
      this.later(this.between(1, 3));
    } else if (this.rnd() < 0.05) this.act('mark_key', 'same', staff, { patch: { is_key: 1 } });
    if (d.type === 'grassroots' && this.rnd() < 0.5) {
      // The level above answers itself.
      this.later(this.between(3, 20));
      this.answer(staff, 'lead', this.row.due_date);
      this.rating();
      return;
    }
    this.forward(d.lead);
    if (this.rnd() < 0.1) this.instruction();
    if (d.type !== 'oversight' && this.rnd() < 0.05) {
      this.later(this.between(1, 3));
      this.act('return', 'return_requested', this.h.answerer(d.lead), {
        comment: '该事项不属于本单位职责范围。',
      });
      this.later(this.between(1, 2));
      if (this.rnd() < 0.5) {
        this.handlers = [];
        this.act('accept_return', d.type === 'appeal' ? 'submitted' : 'accepted', staff, {
          payload: { returnedBy: this.h.unitName(d.lead) },
          patch: { lead_unit_id: null, forwarded_at: null },
        });
        this.later(1);
        this.forward(this.h.otherUnit());
      } else
        this.act('reject_return', 'forwarded', staff, {
          comment: '经研究，该事项由贵单位主办。',
          due: this.handlers.find((x) => x.role === 'lead')!.due,
        });
    }
    this.handling();
  }

  private forward(lead: number) {
    const days = this.config.states.forwarded?.deadlineDays ?? 30;
    const due = addWorkingDays(this.day, days);
    const cooperating = this.rnd() < 0.25 ? [this.h.otherUnit()].filter((u) => u !== lead) : [];
    const at = this.stamp();
    this.handlers = [
      { unit: lead, role: 'lead', due, at },
      ...cooperating.map((unit) => ({ unit, role: 'cooperating', due, at })),
    ];
    this.row.forwarded_at = this.act('forward', 'forwarded', this.h.staff, {
      payload: {
        leadUnit: this.h.unitName(lead),
        cooperatingUnits: cooperating.map((u) => this.h.unitName(u)),
        dueDate: due,
      },
      patch: { lead_unit_id: lead },
      due,
    });
  }

  private instruction() {
    const givenOn = this.day;
    const leader = pickOf(this.rnd, ['张省长', '王书记', '李部长', '赵主任']);
    const level = this.h.leaderLevel;
    const text = '请认真研究吸纳，抓好落实。';
    const at = this.act('record_instruction', 'same', this.h.staff, {
      comment: text,
      payload: { leader, level, givenOn },
    });
    this.instructions.push({ leader, level, givenOn, text, at });
  }

  private answer(by: Actor, role: 'lead' | 'cooperating', due: string | null) {
    const onTime = due === null || this.day <= due;
    const category = role === 'lead' ? pickOf(this.rnd, ['solved', 'solved', 'planned', 'reference']) : null;
    const first = role === 'lead' && this.state !== 'reopened' && this.row.answered_at === null;
    const at = this.act('answer', role === 'lead' ? 'answered' : 'same', by, {
      payload: { role, category, onTime, round: this.row.round },
    });
    if (first) Object.assign(this.row, { answered_at: at, answered_on_time: onTime ? 1 : 0 });
    this.answers.push({
      unit: by.unit,
      round: this.row.round,
      role,
      letter: this.h.letter(),
      category,
      due,
      onTime,
      by,
      at,
    });
  }

  private handling() {
    const lead = this.handlers.find((x) => x.role === 'lead')!;
    for (const c of this.handlers.filter((x) => x.role === 'cooperating')) {
      this.later(this.between(3, 15));
      this.answer(this.h.answerer(c.unit), 'cooperating', c.due);
    }
    // Mostly on time: the rest a little late.
    const days = this.config.states.forwarded?.deadlineDays ?? 30;
    this.later(
      this.rnd() < 0.85 ? this.between(2, Math.max(3, Math.floor(days * 0.8))) : days + this.between(1, 10),
    );
    this.answer(this.h.answerer(lead.unit), 'lead', lead.due);
    this.rating();
  }

  private rating() {
    const d = this.d;
    const raters =
      this.config.rating.raters === 'everyone'
        ? [d.author, ...this.signers.filter((s) => s.status === 'confirmed').map((s) => s.user)]
        : [d.author];
    if (this.rnd() < 0.08) {
      this.later(16);
      this.row.closed_at = this.act('close', 'closed', this.h.staff, { patch: { satisfaction: null } });
      this.adoption();
      return;
    }
    const given: string[] = [];
    for (const [i, by] of raters.entries()) {
      this.later(this.between(1, 6));
      const x = this.rnd();
      const rating = x < 0.7 ? 'satisfied' : x < 0.92 ? 'basically_satisfied' : 'unsatisfied';
      given.push(rating);
      const lastOne = i === raters.length - 1;
      const worst = RATING_ORDER[Math.max(...given.map((g) => RATING_ORDER.indexOf(g)))]!;
      const reopen = lastOne && worst === 'unsatisfied' && this.row.round < this.config.rating.maxRounds;
      const round = this.row.round;
      const at = this.act('rate', !lastOne ? 'same' : reopen ? 'reopened' : 'closed', by, {
        payload: { rating: RATING_LABEL[rating], round },
        patch: reopen ? { round: round + 1, satisfaction: worst } : lastOne ? { satisfaction: worst } : {},
      });
      if (lastOne && !reopen) this.row.closed_at = at;
      this.ratings.push({ round, by, rating, at });
    }
    if (this.state === 'reopened') {
      const lead = this.handlers.find((x) => x.role === 'lead');
      this.later(this.between(5, 20));
      // On time against the date the lead unit was given (its handler row), as answer does.
      this.answer(
        lead ? this.h.answerer(lead.unit) : this.h.staff,
        'lead',
        lead ? lead.due : this.row.due_date,
      );
      this.rating();
      return;
    }
    this.adoption();
  }

  private adoption() {
    if (this.d.type !== 'proposal' && this.d.type !== 'oversight') return;
    if (this.rnd() >= 0.3) return;
    this.later(this.between(1, 10));
    const note = '建议内容已被有关部门采纳，纳入工作方案。';
    const at = this.act('adopt', 'same', this.h.staff, {
      comment: note,
      patch: { adopted: 1, adoption_note: note },
    });
    this.row.adopted_at = at;
  }
}

function pickOf<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}
