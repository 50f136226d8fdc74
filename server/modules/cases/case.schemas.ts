// The cases' API shapes. The words (types, states, actions, ratings …) and their Chinese labels come from
// the engine's vocabulary; each type's content and each action's input from engine/bodies.ts.
import { z } from 'zod';
import { pageQuery } from '../../core/http/pagination.ts';
import { TITLE_MAX } from './engine/limits.ts';
import { ANSWERED_FILTERS, SATISFACTION_FILTERS } from './list/list.figures.ts';
import {
  appealContent,
  grassrootsContent,
  oversightContent,
  proposalContent,
  textField,
} from './engine/bodies.ts';
import {
  ANSWER_CATEGORIES,
  CASE_ACTIONS,
  CASE_STATES,
  CASE_TYPES,
  HANDLER_ROLES,
  INSTRUCTION_LEVELS,
  RATINGS,
  SIGNER_STATUSES,
} from './engine/vocabulary.ts';
import { rowId } from '../../core/http/row-id.ts';

const caseType = z.enum(CASE_TYPES, { error: '事项类型应为议政建言、民主监督、政企沟通或基层诉求' });
const caseState = z.enum(CASE_STATES);
const caseAction = z.enum(CASE_ACTIONS, { error: '没有这一操作' });

export const caseIdParam = z.strictObject({ id: rowId });

const title = textField('标题', TITLE_MAX).meta({ title: '标题' });
// The region whose staff handle the case: omitted, the submitter's own region (a 基层 request: the region
// above the submitting one).
const regionCode = z.string().max(12).optional();

export const caseCreateBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('proposal'), title, regionCode, content: proposalContent }),
  z.strictObject({ type: z.literal('oversight'), title, regionCode, content: oversightContent }),
  z.strictObject({ type: z.literal('appeal'), title, regionCode, content: appealContent }),
  z.strictObject({ type: z.literal('grassroots'), title, regionCode, content: grassrootsContent }),
]);
export type CaseCreateBody = z.infer<typeof caseCreateBody>;

// The draft's content is checked against its type's schema by the service (the URL names no type).
export const caseUpdateBody = z.strictObject({
  title,
  content: z.record(z.string(), z.unknown()),
});

// An action and its input, one member per action (engine/action-bodies.ts); the input is checked again
// against the transition the engine picks (engine/bodies.ts).
export { caseActionBody } from './engine/action-bodies.ts';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const unitId = z.coerce.number({ error: '单位编号应为数字' }).int().positive().max(2_147_483_647);
const figureFilters = {
  // Submitted (not a draft): the statistics count no drafts.
  submitted: flag.optional(),
  // The submitting organisation; the lead (handling) department, or none yet (未交办).
  organisationId: unitId.optional(),
  leadUnitId: unitId.optional(),
  unassigned: flag.optional(),
  accepted: flag.optional(),
  answered: z.enum(ANSWERED_FILTERS, { error: '答复情况应为已答复、未答复、按期或逾期' }).optional(),
  adopted: flag.optional(),
  satisfaction: z.enum(SATISFACTION_FILTERS, { error: '评价应为满意、基本满意、不满意' }).optional(),
  // An appeal's type, a request's need.
  subtype: z.string().max(24).optional(),
  // Cases with a 批示 of this level.
  instructionLevel: z.enum(INSTRUCTION_LEVELS, { error: '批示级别无效' }).optional(),
};
export const caseListQuery = z.strictObject({
  type: caseType.optional(),
  state: caseState.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  // A region and everything below it (the handling region).
  regionCode: z.string().max(12).optional(),
  key: flag.optional(),
  // Overdue: the running deadline has passed.
  overdue: flag.optional(),
  q: z.string().trim().max(100).optional(),
  projectId: rowId.optional(),
  meetingId: rowId.optional(),
  // The filters behind the statistics' figures (list/list.figures.ts: the same conditions the statistics
  // count by, so a figure and the list it opens hold the same cases). Each narrows the visible cases.
  ...figureFilters,
  ...pageQuery,
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

const labelled = <T extends z.ZodType>(value: T) => z.object({ value, label: z.string() });

export const caseSummarySchema = z.object({
  id: z.number(),
  type: caseType,
  typeLabel: z.string(),
  year: z.number(),
  title: z.string(),
  state: caseState,
  stateLabel: z.string(),
  subtype: z.string().nullable(),
  subtypeLabel: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  submitterOrgId: z.number(),
  submitterOrgName: z.string(),
  submitterName: z.string(),
  leadUnitId: z.number().nullable(),
  leadUnitName: z.string().nullable(),
  isKey: z.boolean(),
  adopted: z.boolean(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  round: z.number(),
  mergedIntoId: z.number().nullable(),
  taskId: z.number().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const caseListSchema = z.object({
  items: z.array(caseSummarySchema),
  nextCursor: z.string().nullable(),
  // Cases per state under the same filters except the state (the list's tabs).
  counts: z.array(z.object({ state: caseState, label: z.string(), count: z.number() })),
  total: z.number(),
});

const eventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  from: caseState,
  to: caseState,
  fromLabel: z.string(),
  toLabel: z.string(),
  comment: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

const signerSchema = z.object({
  userId: z.number(),
  name: z.string(),
  status: z.enum(SIGNER_STATUSES),
  statusLabel: z.string(),
  confirmBy: z.string(),
  respondedAt: z.string().nullable(),
});

const handlerSchema = z.object({
  unitId: z.number(),
  unitName: z.string(),
  role: z.enum(HANDLER_ROLES),
  roleLabel: z.string(),
  dueDate: z.string(),
  assignedAt: z.string(),
});

const answerSchema = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  round: z.number(),
  role: z.enum(HANDLER_ROLES),
  roleLabel: z.string(),
  letter: z.string(),
  category: z.enum(ANSWER_CATEGORIES).nullable(),
  categoryLabel: z.string().nullable(),
  attachmentIds: z.array(z.number()),
  dueDate: z.string().nullable(),
  onTime: z.boolean(),
  answererName: z.string(),
  answeredAt: z.string(),
});

const ratingSchema = z.object({
  round: z.number(),
  raterId: z.number(),
  raterName: z.string(),
  rating: z.enum(RATINGS),
  ratingLabel: z.string(),
  comment: z.string().nullable(),
  ratedAt: z.string(),
});

const instructionSchema = z.object({
  id: z.number(),
  leader: z.string(),
  level: z.enum(INSTRUCTION_LEVELS),
  levelLabel: z.string(),
  givenOn: z.string(),
  text: z.string(),
  recordedAt: z.string(),
});

// The task an adopted case was turned into, as the proposer sees it on the case page.
const linkedTaskSchema = z.object({
  id: z.number(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  progress: z.number(),
  dueDate: z.string(),
  leadUnitName: z.string(),
  // Accepted progress reports, newest first.
  reports: z.array(
    z.object({
      periodKey: z.string(),
      periodLabel: z.string(),
      percent: z.number().nullable(),
      acceptedAt: z.string().nullable(),
    }),
  ),
});

const relatedSchema = z.object({
  id: z.number(),
  title: z.string(),
  state: caseState,
  stateLabel: z.string(),
  submitterOrgName: z.string(),
});

export const caseDetailSchema = caseSummarySchema.extend({
  content: z.record(z.string(), z.unknown()),
  // The files the case holds (its content's attachmentIds and its answers'), by id: names and sizes for
  // the page; each downloads from GET /api/attachments/:id, checked against the case's scope.
  files: z.array(z.object({ id: z.number(), fileName: z.string(), size: z.number(), mime: z.string() })),
  version: z.number(),
  projectId: z.number().nullable(),
  meetingId: z.number().nullable(),
  contactId: z.number().nullable(),
  adoptionNote: z.string().nullable(),
  adoptedAt: z.string().nullable(),
  satisfaction: z.enum(RATINGS).nullable(),
  satisfactionLabel: z.string().nullable(),
  answeredOnTime: z.boolean().nullable(),
  closedAt: z.string().nullable(),
  // The actions the current user may take now (and only those), each with the schema name of its input.
  actions: z.array(labelled(caseAction)),
  // How the current user stands to the case (the page words its hints by them).
  relations: z.array(z.string()),
  timeline: z.array(eventSchema),
  signers: z.array(signerSchema),
  handlers: z.array(handlerSchema),
  answers: z.array(answerSchema),
  ratings: z.array(ratingSchema),
  instructions: z.array(instructionSchema),
  task: linkedTaskSchema.nullable(),
  // The case this one was merged into, which it follows; and the ones merged into this one.
  mainCase: relatedSchema.nullable(),
  mergedCases: z.array(relatedSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;
export type CaseSummary = z.infer<typeof caseSummarySchema>;

// The words of the cases, for the web app's selects and tabs (one copy, the server's).
export const caseVocabularySchema = z.object({
  types: z.array(labelled(caseType)),
  states: z.array(labelled(caseState)),
  actions: z.array(labelled(caseAction)),
  ratings: z.array(labelled(z.enum(RATINGS))),
  // How a person stands to a case (the detail's `relations`).
  relations: z.array(labelled(z.string())),
  answerCategories: z.array(labelled(z.enum(ANSWER_CATEGORIES))),
  instructionLevels: z.array(labelled(z.enum(INSTRUCTION_LEVELS))),
  appealKinds: z.array(labelled(z.string())),
  appealChannels: z.array(labelled(z.string())),
  grassrootsNeeds: z.array(labelled(z.string())),
  // The states each type uses, in order.
  typeStates: z.array(z.object({ type: caseType, states: z.array(caseState) })),
});
