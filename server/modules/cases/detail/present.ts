// A case's rows as the API shows them, with the Chinese labels beside each code.
import {
  ANSWER_CATEGORY_LABELS,
  CASE_TYPE_LABELS,
  HANDLER_ROLE_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  RATING_LABELS,
  SIGNER_STATUS_LABELS,
  stateLabel,
  subtypeLabel,
  type AnswerCategory,
  type CaseState,
  type CaseType,
  type HandlerRole,
  type InstructionLevel,
  type Rating,
  type SignerStatus,
} from '../engine/vocabulary.ts';
import type { Around } from '../case.facts.ts';
import type { CaseWithNames } from '../case.repository.ts';
import type { CaseSummary } from '../case.schemas.ts';
import { timelineLabel } from '../case.timeline.ts';
import { readIdList, readJsonObject } from '../case.json.ts';

const FINAL: readonly string[] = ['closed', 'declined', 'reference', 'merged', 'draft'];

export function presentSummary(c: CaseWithNames, today: string): CaseSummary {
  return {
    id: c.id,
    type: c.type as CaseType,
    typeLabel: CASE_TYPE_LABELS[c.type as CaseType],
    year: c.year,
    title: c.title,
    state: c.state as CaseState,
    stateLabel: stateLabel(c.type, c.state as CaseState),
    subtype: c.subtype,
    subtypeLabel: c.subtype ? subtypeLabel(c.type, c.subtype) : null,
    regionCode: c.region_code,
    regionName: c.region_name,
    submitterOrgId: c.submitter_org_id,
    submitterOrgName: c.submitter_org_name,
    submitterName: c.submitter_name,
    leadUnitId: c.lead_unit_id,
    leadUnitName: c.lead_unit_name,
    isKey: c.is_key === 1,
    adopted: c.adopted === 1,
    dueDate: c.due_date,
    overdue: c.due_date !== null && c.due_date < today && !FINAL.includes(c.state),
    round: c.round,
    mergedIntoId: c.merged_into_id,
    taskId: c.task_id,
    submittedAt: c.submitted_at,
    updatedAt: c.updated_at,
  };
}

export function presentRelated(c: CaseWithNames) {
  return {
    id: c.id,
    title: c.title,
    state: c.state as CaseState,
    stateLabel: stateLabel(c.type, c.state as CaseState),
    submitterOrgName: c.submitter_org_name,
  };
}

type Event = {
  id: number;
  at: string;
  actor_name: string | null;
  action: string;
  from_state: string;
  to_state: string;
  comment: string | null;
  payload: string;
};

export function presentEvent(e: Event, type: string) {
  return {
    id: Number(e.id),
    at: e.at,
    actorName: e.actor_name,
    action: e.action,
    actionLabel: timelineLabel(type, e.action),
    from: e.from_state as CaseState,
    to: e.to_state as CaseState,
    fromLabel: stateLabel(type, e.from_state as CaseState),
    toLabel: stateLabel(type, e.to_state as CaseState),
    comment: e.comment,
    payload: readJsonObject(e.payload),
  };
}

export function presentAround(around: Around) {
  return {
    signers: around.signers.map((p) => ({
      userId: p.user_id,
      name: p.name,
      status: p.status as SignerStatus,
      statusLabel: SIGNER_STATUS_LABELS[p.status as SignerStatus],
      confirmBy: p.confirm_by,
      respondedAt: p.responded_at,
    })),
    handlers: around.handlers.map((h) => ({
      unitId: h.unit_id,
      unitName: h.unit_name,
      role: h.role as HandlerRole,
      roleLabel: HANDLER_ROLE_LABELS[h.role as HandlerRole],
      dueDate: h.due_date,
      assignedAt: h.assigned_at,
    })),
    answers: around.answers.map((a) => ({
      id: a.id,
      unitId: a.unit_id,
      unitName: a.unit_name,
      round: a.round,
      role: a.role as HandlerRole,
      roleLabel: HANDLER_ROLE_LABELS[a.role as HandlerRole],
      letter: a.letter,
      category: a.category as AnswerCategory | null,
      categoryLabel: a.category ? ANSWER_CATEGORY_LABELS[a.category as AnswerCategory] : null,
      attachmentIds: readIdList(a.attachment_ids),
      dueDate: a.due_date,
      onTime: a.on_time === 1,
      answererName: a.answerer_name,
      answeredAt: a.answered_at,
    })),
    ratings: around.ratings.map((r) => ({
      round: r.round,
      raterId: r.rater_id,
      raterName: r.rater_name,
      rating: r.rating as Rating,
      ratingLabel: RATING_LABELS[r.rating as Rating],
      comment: r.comment,
      ratedAt: r.rated_at,
    })),
  };
}

export function presentInstruction(i: {
  id: number;
  leader: string;
  level: string;
  given_on: string;
  text: string;
  recorded_at: string;
}) {
  return {
    id: i.id,
    leader: i.leader,
    level: i.level as InstructionLevel,
    levelLabel: INSTRUCTION_LEVEL_LABELS[i.level as InstructionLevel],
    givenOn: i.given_on,
    text: i.text,
    recordedAt: i.recorded_at,
  };
}

export const satisfactionOf = (v: string | null) =>
  v
    ? { satisfaction: v as Rating, satisfactionLabel: RATING_LABELS[v as Rating] }
    : { satisfaction: null, satisfactionLabel: null };
