// Opening a case (a draft, by whoever may raise its type) and editing it while it is a draft (its author,
// at the version read). The content is checked against the type's schema; nothing is half-saved.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../../core/access/actor.ts';
import { isInSubtree } from '../../../core/access/scope.ts';
import { findOrganisationRootId } from '../../../core/auth/account.repository.ts';
import { toTimestamp } from '../../../core/clock.ts';
import { appError } from '../../../core/errors.ts';
import { parseOrRefuse } from '../../../core/http/validation.ts';
import type { Services } from '../../../core/services.ts';
import type { Database } from '../../../db/schema.ts';
import { initialState } from '../engine/engine.ts';
import { CASE_CONFIGS } from '../engine/types/index.ts';
import { CASE_TYPE_LABELS, type CaseState, type CaseType } from '../engine/vocabulary.ts';
import { configOf, todayOf } from '../case.facts.ts';
import { findCaseById, insertCase, updateCaseAtVersion, type CaseWithNames } from '../case.repository.ts';
import type { CaseCreateBody } from '../case.schemas.ts';
import { attachCaseFiles } from '../case.files.ts';
import { recordCaseEvent } from '../case.timeline.ts';
import { getCaseDetail } from '../detail/detail.service.ts';
import { findMeeting, findProject, findRegion } from './draft.repository.ts';

type Content = Record<string, unknown>;

// The content's attachmentIds (every type's schema bounds and types them: engine/bodies.ts).
const idsOf = (content: Content): number[] =>
  Array.isArray(content.attachmentIds) ? content.attachmentIds.filter((id) => typeof id === 'number') : [];

/** The columns a list filters by, read from the content (what kind of appeal or need; its project …). */
function columnsOf(content: Content) {
  const int = (v: unknown) => (typeof v === 'number' ? v : null);
  const subtype =
    typeof content.kind === 'string' ? content.kind : typeof content.need === 'string' ? content.need : null;
  return {
    subtype,
    project_id: int(content.projectId),
    meeting_id: int(content.meetingId),
    contact_id: int(content.contactId),
  };
}

/** Where the case is handled: its submitter's region (a 基层 request: the region above), or the project's. */
async function handlingRegion(
  trx: Transaction<Database>,
  ctx: RequestContext,
  type: CaseType,
  content: Content,
  orgId: number,
): Promise<{ code: string; path: string }> {
  const actor = ctx.actor!;
  const own = (await findRegion(trx, actor.regionCode!))!;
  if (type === 'grassroots') {
    if (!own.parent_code)
      throw appError('CASE_INVALID', '基层诉求向上一级统战部提出；省级没有上一级，请通过其他渠道反映');
    const parent = (await findRegion(trx, own.parent_code))!;
    return { code: parent.code, path: parent.path };
  }
  if (type === 'oversight') {
    const project = await findProject(trx, Number(content.projectId));
    if (!project) throw appError('CASE_PROJECT_NOT_FOUND');
    if (project.party_unit_id !== orgId)
      throw appError('CASE_INVALID', '只能在分配给本党派的民主监督项目下提交报告');
    if (project.state !== 'open') throw appError('CASE_INVALID', '该民主监督项目已结项，不能再提交报告');
    return { code: project.region_code, path: project.region_path };
  }
  if (type === 'appeal' && typeof content.meetingId === 'number') {
    const meeting = await findMeeting(trx, content.meetingId);
    // A meeting of the submitter's region, one above it or one below it.
    if (
      !meeting ||
      !(isInSubtree(meeting.region_path, own.path) || isInSubtree(own.path, meeting.region_path))
    )
      throw appError('CASE_MEETING_NOT_FOUND');
  }
  return { code: own.code, path: own.path };
}

function mayRaise(ctx: RequestContext, type: CaseType): boolean {
  const actor = ctx.actor;
  if (!actor) return false;
  const creators = CASE_CONFIGS[type].creators;
  return (
    (creators.includes('submitter') && actor.permissions.has('work.submit')) ||
    (creators.includes('staff') && actor.permissions.has('work.manage'))
  );
}

/** Opens a draft of the given type; its author is the caller, its organisation the caller's. */
export async function createCase(s: Services, ctx: RequestContext, body: CaseCreateBody) {
  const actor = ctx.actor!;
  // A region named for the case must exist (checked first: it is part of the input, whoever sends it).
  const named = body.regionCode ? await findRegion(s.db.kysely, body.regionCode) : undefined;
  if (body.regionCode && !named) throw appError('REGION_NOT_FOUND');
  if (!mayRaise(ctx, body.type)) throw appError('FORBIDDEN', `您不能提出${CASE_TYPE_LABELS[body.type]}事项`);
  if (actor.unitId === null || actor.regionCode === null || actor.regionPath === null)
    throw appError('CASE_INVALID', '您的账户没有所属单位或地区，不能提出事项，请联系系统管理员');
  const content = body.content as Content;
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    const orgId =
      actor.scope.kind === 'organisation'
        ? actor.scope.organisationId
        : await findOrganisationRootId(trx, actor.unitId!);
    let region = await handlingRegion(trx, ctx, body.type, content, orgId);
    // Staff may record a case for a region below theirs (an appeal raised in a city's 座谈会).
    if (named && body.type !== 'grassroots' && body.type !== 'oversight') {
      if (!isInSubtree(named.path, actor.regionPath!))
        throw appError('CASE_INVALID', '只能为本地区或下级地区提出事项');
      region = { code: named.code, path: named.path };
    }
    const now = toTimestamp(s.clock.now());
    const state = initialState(CASE_CONFIGS[body.type]);
    const caseId = await insertCase(trx, {
      type: body.type,
      year: Number(todayOf(s).slice(0, 4)),
      region_code: region.code,
      region_path: region.path,
      submitter_region_code: actor.regionCode!,
      submitter_region_path: actor.regionPath!,
      submitter_org_id: orgId,
      submitter_unit_id: actor.unitId!,
      submitter_user_id: actor.userId,
      submitter_name: actor.displayName,
      title: body.title,
      body: JSON.stringify(content),
      state,
      ...columnsOf(content),
      created_at: now,
      updated_at: now,
    });
    await attachCaseFiles(s, trx, ctx, caseId, idsOf(content));
    await recordCaseEvent(trx, s, ctx, caseId, { action: 'create', from: state, to: state });
    await s.audit.record(trx, ctx, {
      action: 'case.create',
      objectType: 'case',
      objectId: caseId,
      note: { type: body.type, title: body.title },
    });
    return caseId;
  });
  return getCaseDetail(s, ctx, id);
}

/** Edits a draft (its author, at the version read): the title and the content, checked by its type. */
export async function updateDraft(
  s: Services,
  ctx: RequestContext,
  c: CaseWithNames,
  version: number,
  body: { title: string; content: Content },
) {
  if (ctx.actor?.userId !== c.submitter_user_id) throw appError('FORBIDDEN', '只有起草人可以修改草稿');
  const content = parseOrRefuse(configOf(c).content, body.content, ['content']) as Content;
  await s.db.kysely.transaction().execute(async (trx) => {
    const current = (await findCaseById(trx, c.id))!;
    if (current.state !== 'draft') throw appError('CASE_STATE', '事项已提交，不能再修改；如需修改请先撤回');
    if (c.type === 'oversight' || c.type === 'appeal')
      await handlingRegion(trx, ctx, c.type, content, current.submitter_org_id);
    const ok = await updateCaseAtVersion(trx, c.id, version, {
      title: body.title,
      body: JSON.stringify(content),
      ...columnsOf(content),
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    await attachCaseFiles(s, trx, ctx, c.id, idsOf(content));
    const state = current.state as CaseState;
    await recordCaseEvent(trx, s, ctx, c.id, { action: 'update', from: state, to: state });
    await s.audit.record(trx, ctx, { action: 'case.update', objectType: 'case', objectId: c.id });
  });
  return getCaseDetail(s, ctx, c.id);
}
