// Tasks and progress reports as instruction targets; tasks can also be followed. The task module's own
// scope rule, policy and timeline are used as they are, so a leader's rights stop where the task page's do.
import { regionStaff, unitHandlers, type Recipient } from '../../core/notify/recipients.ts';
import {
  actsForLeadUnit,
  canManageTask,
  recordTaskEvent,
  reportResource,
  reportTargetFacts,
  taskEventsFeed,
  taskResource,
  taskTargetFacts,
  tasksInScope,
  visibleTaskSummaries,
  type TaskEventKind,
  type TaskTargetFacts,
} from '../tasks/index.ts';
import { registerTarget, type InstructionTarget, type TargetFacts, type TimelineEvent } from './targets.ts';

type Facts = TargetFacts & { task: TaskTargetFacts };

function asFacts(t: TaskTargetFacts): Facts {
  return {
    taskId: t.taskId,
    title: t.title,
    link: t.link,
    regionPath: t.regionPath,
    managerRegionPath: t.managerRegionPath,
    unitId: t.leadUnitId,
    unitName: t.leadUnitName,
    task: t,
  };
}

const TIMELINE: Record<TimelineEvent, TaskEventKind> = {
  created: 'instruction_created',
  followed_up: 'instruction_followed_up',
  more_requested: 'instruction_more_requested',
  done: 'instruction_done',
};

// The lead unit's handlers; a region's 统战部 acts through its staff (as for signing and reporting).
function unitRecipients(f: Facts): Recipient[] {
  return f.task.leadUnitKind === 'department'
    ? [unitHandlers(f.unitId), regionStaff(f.task.regionCode)]
    : [unitHandlers(f.unitId)];
}

const shared = {
  actsForUnit: (actor, f) => actsForLeadUnit(actor, f.task.task),
  manages: (actor, f) => canManageTask(actor, f.task.task),
  unitRecipients,
  managerRecipients: (f) => [regionStaff(f.task.managerRegionCode)],
  record: async (trx, s, ctx, f, event, detail) => {
    if (f.taskId !== null) await recordTaskEvent(trx, s, ctx, f.taskId, TIMELINE[event], detail);
  },
} satisfies Pick<
  InstructionTarget<unknown, Facts>,
  'actsForUnit' | 'manages' | 'unitRecipients' | 'managerRecipients' | 'record'
>;

export function registerTaskTargets(): void {
  registerTarget({
    type: 'task',
    label: '任务',
    resource: taskResource,
    facts: (_s, task) => Promise.resolve(asFacts(taskTargetFacts(task))),
    factsInScope: async (s, ctx, ids) =>
      new Map(
        [...(await tasksInScope(s, ctx.actor, ids))].map(([id, task]) => [
          id,
          asFacts(taskTargetFacts(task)),
        ]),
      ),
    ...shared,
    watch: {
      summaries: async (s, actor, ids) => {
        const found = await visibleTaskSummaries(s, actor, ids);
        return new Map(
          [...found].map(([id, t]) => [
            id,
            {
              id,
              title: t.title,
              link: `/tasks/${id}`,
              state: t.statusLabel,
              health: t.health,
              dueDate: t.dueDate,
              unitName: t.leadUnitName,
            },
          ]),
        );
      },
      feed: async (s, ids, start, limit) =>
        (await taskEventsFeed(s, ids, start, limit)).map((e) => ({
          targetId: e.taskId,
          targetTitle: e.taskTitle,
          link: `/tasks/${e.taskId}`,
          eventId: e.id,
          at: e.at,
          label: e.label,
          actorName: e.actorName,
        })),
    },
  });
  registerTarget({
    type: 'report',
    label: '进度报告',
    resource: reportResource,
    facts: async (s, report) => {
      const facts = await reportTargetFacts(s, report);
      // The report's task is gone only if it was deleted between the guard's read and this one.
      if (!facts) throw new Error(`report ${report.id}: its task is missing`);
      return asFacts(facts);
    },
    ...shared,
  });
}
