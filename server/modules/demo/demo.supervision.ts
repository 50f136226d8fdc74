// The demo year's supervision (issue 8), played through the product's own services like the rest of the
// story: 督办单 notices on lagging tasks at a couple of stages, a leader's 批办 instruction with the unit's
// report back, and the last month's 督办通报 issued and sent. Each step is skipped, not forced, when the
// story has not reached it (a task not yet created or signed, a month not yet in the year).
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import { findBulletin, generateBulletin, issueBulletin, sendBulletin } from '../bulletins/index.ts';
import { loadWorkingDays } from '../calendar/index.ts';
import { createInstruction, findInstruction, followUp } from '../instructions/index.ts';
import { findNotice, issueNotice, moveNotice } from '../notices/index.ts';
import { findTaskById } from '../tasks/index.ts';
import { dayOf } from './demo.calendar.ts';

export type SupervisionEvent =
  | {
      do: 'notice';
      task: string;
      key: string;
      level: 'general' | 'key' | 'listed';
      reason: string;
      requirements: string;
    }
  | { do: 'signNotice'; notice: string }
  | { do: 'respondNotice'; notice: string; measures: string; fixInWorkingDays: number }
  | { do: 'acceptNotice'; notice: string }
  | { do: 'instruct'; task: string; key: string; by: string; kind: 'act' | 'guide' | 'read'; text: string }
  | { do: 'followUp'; instruction: string; text: string }
  | { do: 'bulletin'; by: string };

const KINDS: ReadonlySet<string> = new Set<SupervisionEvent['do']>([
  'notice',
  'signNotice',
  'respondNotice',
  'acceptNotice',
  'instruct',
  'followUp',
  'bulletin',
]);

/** Whether a scripted event is one of supervision's (played here rather than by the story's task steps). */
export function isSupervisionEvent<E extends { do: string }>(
  e: E,
): e is Extract<E, { do: SupervisionEvent['do'] }> {
  return KINDS.has(e.do);
}

/** What the story knows of a task: its id, who acts for its lead unit and who manages it. */
export interface StoryTask {
  id: number;
  lead: string | undefined;
  manager: string;
}

const OPEN_TASK = ['assigned', 'accepted', 'completion_requested'];

export class DemoSupervision {
  private readonly notices = new Map<string, { id: number; task: StoryTask }>();
  private readonly instructions = new Map<string, { id: number; task: StoryTask }>();

  constructor(
    private readonly s: Services,
    private readonly ctx: (username: string) => RequestContext,
    private readonly taskOf: (key: string) => StoryTask | undefined,
  ) {}

  async happen(event: SupervisionEvent): Promise<void> {
    switch (event.do) {
      case 'notice': {
        const known = this.taskOf(event.task);
        const task = known && (await findTaskById(this.s.db.kysely, known.id));
        if (!known || !task || !OPEN_TASK.includes(task.status)) return;
        const notice = await issueNotice(this.s, this.ctx(known.manager), task, {
          level: event.level,
          reason: event.reason,
          requirements: event.requirements,
          copyToUnitIds: [],
        });
        this.notices.set(event.key, { id: notice.id, task: known });
        return;
      }
      case 'signNotice':
      case 'respondNotice':
      case 'acceptNotice': {
        const known = this.notices.get(event.notice);
        const notice = known && (await findNotice(this.s, known.id));
        if (!known || !notice) return;
        if (event.do === 'acceptNotice') {
          if (notice.status === 'responded')
            await moveNotice(this.s, this.ctx(known.task.manager), notice, notice.version, 'accept');
          return;
        }
        if (!known.task.lead) return;
        const lead = this.ctx(known.task.lead);
        if (event.do === 'signNotice') {
          if (notice.status === 'issued') await moveNotice(this.s, lead, notice, notice.version, 'sign');
          return;
        }
        if (notice.status !== 'signed') return;
        const today = dayOf(this.s.clock.now());
        const year = Number(today.slice(0, 4));
        const calendar = await loadWorkingDays(this.s.db.kysely, year, year + 1);
        await moveNotice(this.s, lead, notice, notice.version, 'respond', {
          measures: event.measures,
          fixDue: calendar.addWorkingDays(today, event.fixInWorkingDays),
        });
        return;
      }
      case 'instruct': {
        const known = this.taskOf(event.task);
        if (!known || !(await findTaskById(this.s.db.kysely, known.id))) return;
        const made = await createInstruction(this.s, this.ctx(event.by), {
          targetType: 'task',
          targetId: known.id,
          kind: event.kind,
          text: event.text,
        });
        this.instructions.set(event.key, { id: made.id, task: known });
        return;
      }
      case 'followUp': {
        const known = this.instructions.get(event.instruction);
        const row = known && (await findInstruction(this.s.db.kysely, known.id));
        if (!known?.task.lead || !row || row.status !== 'pending') return;
        await followUp(this.s, this.ctx(known.task.lead), row, row.version, {
          text: event.text,
          attachmentIds: [],
        });
        return;
      }
      case 'bulletin': {
        // Last month's 督办通报 of the person's region, issued and sent to the units (not before January).
        const today = dayOf(this.s.clock.now());
        const [y, m] = today.slice(0, 7).split('-').map(Number) as [number, number];
        if (m === 1) return;
        const period = `${y}-${String(m - 1).padStart(2, '0')}`;
        const ctx = this.ctx(event.by);
        const draft = await generateBulletin(this.s, ctx, { period });
        const issued = await issueBulletin(
          this.s,
          ctx,
          (await findBulletin(this.s.db.kysely, draft.id))!,
          draft.version,
        );
        await sendBulletin(this.s, ctx, (await findBulletin(this.s.db.kysely, issued.id))!);
        return;
      }
    }
  }
}
