// A case's page: everything about it in one answer — its content, the units it was forwarded to, their
// answers per round, the ratings, the 批示, the task it became with that task's progress, the case it was
// merged into or the ones merged into it, the whole timeline, and the actions the current user may take
// now (exactly the engine's allowed actions for this person).
import type { RequestContext } from '../../../core/access/actor.ts';
import { appError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import { findTaskById, listReports, TASK_STATUS_LABELS } from '../../tasks/index.ts';
import { allowedActions } from '../engine/engine.ts';
import { actionLabel } from '../engine/vocabulary.ts';
import { actorFactsOf, configOf, factsOf, loadAround, todayOf } from '../case.facts.ts';
import { findCaseById, listCaseEvents, listCaseInstructions } from '../case.repository.ts';
import type { CaseDetail } from '../case.schemas.ts';
import {
  presentAround,
  presentEvent,
  presentInstruction,
  presentRelated,
  presentSummary,
  satisfactionOf,
} from './present.ts';
import { caseFiles } from '../case.files.ts';
import { readJsonObject } from '../case.json.ts';

async function linkedTask(s: Services, taskId: number | null) {
  if (taskId === null) return null;
  const task = await findTaskById(s.db.kysely, taskId);
  if (!task) return null;
  const reports = (await listReports(s, task))
    .filter((r) => r.status === 'accepted')
    .reverse()
    .map((r) => ({
      periodKey: r.periodKey,
      periodLabel: r.periodLabel,
      percent: r.percent,
      acceptedAt: r.reviewedAt,
    }));
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    statusLabel: (TASK_STATUS_LABELS as Record<string, string>)[task.status] ?? task.status,
    progress: task.progress,
    dueDate: task.due_date,
    leadUnitName: task.lead_unit_name,
    reports,
  };
}

export async function getCaseDetail(s: Services, ctx: RequestContext, id: number): Promise<CaseDetail> {
  const db = s.db.kysely;
  const c = await findCaseById(db, id);
  if (!c) throw appError('CASE_NOT_FOUND');
  const around = await loadAround(db, c);
  const config = configOf(c);
  const facts = await factsOf(db, s, c, around);
  const actor = actorFactsOf(ctx.actor, c, around);
  const [files, events, instructions, main, task] = await Promise.all([
    caseFiles(s, id),
    listCaseEvents(db, id),
    listCaseInstructions(db, id),
    c.merged_into_id === null ? undefined : findCaseById(db, c.merged_into_id),
    linkedTask(s, c.task_id),
  ]);
  const today = todayOf(s);
  return {
    ...presentSummary(c, today),
    content: readJsonObject(c.body),
    files,
    version: c.version,
    projectId: c.project_id,
    meetingId: c.meeting_id,
    contactId: c.contact_id,
    adoptionNote: c.adoption_note,
    adoptedAt: c.adopted_at,
    ...satisfactionOf(c.satisfaction),
    answeredOnTime: c.answered_on_time === null ? null : c.answered_on_time === 1,
    closedAt: c.closed_at,
    actions: allowedActions(config, facts, actor).map((value) => ({
      value,
      label: actionLabel(c.type, value),
    })),
    relations: [...actor.relations],
    timeline: events.map((e) => presentEvent(e, c.type)),
    ...presentAround(around),
    instructions: instructions.map(presentInstruction),
    task,
    mainCase: main ? presentRelated(main) : null,
    mergedCases: around.merged.map(presentRelated),
  };
}
