// 民主监督 projects: staff open one (topic, scope, period, the party assigned, the agency supervised);
// the party files reports under it (cases of type oversight, through the engine); the party and the
// agency rate each other; staff close it with a summary.
import type { RequestContext } from '../../../core/access/actor.ts';
import { isInSubtree } from '../../../core/access/scope.ts';
import { toTimestamp } from '../../../core/clock.ts';
import { appError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import { RATING_LABELS, type Rating } from '../engine/vocabulary.ts';
import { todayOf } from '../case.facts.ts';
import { presentSummary } from '../detail/present.ts';
import { findRegion } from '../drafts/draft.repository.ts';
import { findActiveUnits } from '../actions/action.repository.ts';
import { listCasePage } from '../list/list.repository.ts';
import { caseVisibility } from '../list/list.service.ts';
import { isAgency, isParty, managesProject, projectVisibility } from './project.policy.ts';
import {
  findProjectById,
  insertProject,
  listProjects,
  updateProjectAtVersion,
  type ProjectWithNames,
} from './project.repository.ts';
import type { z } from 'zod';
import type {
  projectCloseBody,
  projectCreateBody,
  projectListQuery,
  projectRateBody,
} from './project.schemas.ts';

const STATE_LABELS = { open: '监督中', closed: '已结项' } as const;

function rating(value: string | null, comment: string | null) {
  return value ? { rating: value as Rating, label: RATING_LABELS[value as Rating], comment } : null;
}

function present(p: ProjectWithNames) {
  return {
    id: p.id,
    year: p.year,
    regionCode: p.region_code,
    regionName: p.region_name,
    topic: p.topic,
    scope: p.scope,
    periodFrom: p.period_from,
    periodTo: p.period_to,
    partyUnitId: p.party_unit_id,
    partyUnitName: p.party_unit_name,
    agencyUnitId: p.agency_unit_id,
    agencyUnitName: p.agency_unit_name,
    state: p.state as 'open' | 'closed',
    stateLabel: STATE_LABELS[p.state as 'open' | 'closed'],
    summary: p.summary,
    partyRating: rating(p.party_rating, p.party_comment),
    agencyRating: rating(p.agency_rating, p.agency_comment),
    closedAt: p.closed_at,
    version: p.version,
    reportCount: Number(p.report_count ?? 0),
  };
}

export async function listVisibleProjects(
  s: Services,
  ctx: RequestContext,
  q: z.infer<typeof projectListQuery>,
) {
  return (await listProjects(s.db.kysely, projectVisibility(ctx.actor), q)).map(present);
}

export async function getProject(s: Services, ctx: RequestContext, id: number) {
  const p = await findProjectById(s.db.kysely, id);
  if (!p) throw appError('CASE_PROJECT_NOT_FOUND');
  const today = todayOf(s);
  const reports = await listCasePage(s.db.kysely, caseVisibility(ctx.actor), { projectId: id }, 200);
  const open = p.state === 'open';
  return {
    ...present(p),
    reports: reports.slice(0, 200).map((c) => presentSummary(c, today)),
    actions: {
      rateAgency: open && isParty(ctx.actor, p) && p.party_rating === null,
      rateParty: open && isAgency(ctx.actor, p) && p.agency_rating === null,
      close: open && managesProject(ctx.actor, p),
      report: open && isParty(ctx.actor, p),
    },
  };
}

export async function createProject(
  s: Services,
  ctx: RequestContext,
  body: z.infer<typeof projectCreateBody>,
) {
  const actor = ctx.actor!;
  if (!actor.regionCode || !actor.regionPath)
    throw appError('FORBIDDEN', '只有所属地区明确的统战部工作人员可以新建民主监督项目');
  const region = await findRegion(s.db.kysely, body.regionCode ?? actor.regionCode);
  if (!region) throw appError('REGION_NOT_FOUND');
  if (!isInSubtree(region.path, actor.regionPath))
    throw appError('CASE_INVALID', '只能为本地区或下级地区新建民主监督项目');
  if (body.periodTo < body.periodFrom) throw appError('CASE_INVALID', '监督期结束不能早于开始');
  if (body.partyUnitId === body.agencyUnitId)
    throw appError('CASE_INVALID', '承担监督的民主党派和被监督单位不能是同一单位');
  const units = await findActiveUnits(s.db.kysely, [body.partyUnitId, body.agencyUnitId]);
  if (units.length !== 2) throw appError('CASE_INVALID', '所选的民主党派或被监督单位不存在或已停用');
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    const now = toTimestamp(s.clock.now());
    const projectId = await insertProject(trx, {
      year: Number(body.periodFrom.slice(0, 4)),
      region_code: region.code,
      region_path: region.path,
      topic: body.topic,
      scope: body.scope,
      period_from: body.periodFrom,
      period_to: body.periodTo,
      party_unit_id: body.partyUnitId,
      agency_unit_id: body.agencyUnitId,
      state: 'open',
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await s.audit.record(trx, ctx, {
      action: 'case_project.create',
      objectType: 'case_project',
      objectId: projectId,
      note: { topic: body.topic },
    });
    return projectId;
  });
  return getProject(s, ctx, id);
}

/** The party rates the agency, or the agency the party (each once, while the project is open). */
export async function rateProject(
  s: Services,
  ctx: RequestContext,
  p: ProjectWithNames,
  version: number,
  body: z.infer<typeof projectRateBody>,
) {
  const side = isParty(ctx.actor, p) ? 'party' : isAgency(ctx.actor, p) ? 'agency' : null;
  if (!side) throw appError('FORBIDDEN', '只有承担监督的民主党派和被监督单位可以互相评价');
  if (p.state !== 'open') throw appError('CASE_STATE', '项目已结项，不能再评价');
  if ((side === 'party' ? p.party_rating : p.agency_rating) !== null)
    throw appError('CASE_RULE', '您已评价过');
  await s.db.kysely.transaction().execute(async (trx) => {
    const patch =
      side === 'party'
        ? { party_rating: body.rating, party_comment: body.comment ?? null }
        : { agency_rating: body.rating, agency_comment: body.comment ?? null };
    if (
      !(await updateProjectAtVersion(trx, p.id, version, {
        ...patch,
        updated_at: toTimestamp(s.clock.now()),
      }))
    )
      throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'case_project.rate',
      objectType: 'case_project',
      objectId: p.id,
      note: { side, rating: RATING_LABELS[body.rating] },
    });
  });
  return getProject(s, ctx, p.id);
}

/** Staff close the project with a summary; reports still open keep their course. */
export async function closeProject(
  s: Services,
  ctx: RequestContext,
  p: ProjectWithNames,
  version: number,
  body: z.infer<typeof projectCloseBody>,
) {
  if (!managesProject(ctx.actor, p)) throw appError('FORBIDDEN', '只有项目所在地区的统战部工作人员可以结项');
  if (p.state !== 'open') throw appError('CASE_STATE', '项目已结项');
  await s.db.kysely.transaction().execute(async (trx) => {
    const now = toTimestamp(s.clock.now());
    if (
      !(await updateProjectAtVersion(trx, p.id, version, {
        state: 'closed',
        summary: body.summary,
        closed_at: now,
        updated_at: now,
      }))
    )
      throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'case_project.close',
      objectType: 'case_project',
      objectId: p.id,
    });
  });
  return getProject(s, ctx, p.id);
}
