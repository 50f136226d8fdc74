// 政企座谈会: a consultation meeting between the government and enterprises, recorded by staff, with the
// appeals raised in it (appeal cases naming the meeting, GET /api/cases?meetingId=). Staff and leaders
// see their region subtree's meetings; a submitter (the 工商联 recording an appeal) lists the meetings
// an appeal of theirs may name — their region's, above it or below it, as the draft check allows — to
// pick one, and sees a meeting's page only through staff (docs/decisions/case-meetings.md).
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import type { RequestContext } from '../../../core/access/actor.ts';
import { scopedResource } from '../../../core/access/guard.ts';
import { isInSubtree } from '../../../core/access/scope.ts';
import { recordVisibilityOf } from '../../../core/access/visibility.ts';
import { toTimestamp } from '../../../core/clock.ts';
import { appError } from '../../../core/errors.ts';
import { keyedBy, router, scopedRecord } from '../../../core/http/route.ts';
import type { Services } from '../../../core/services.ts';
import { likeStartsWith } from '../../../db/like.ts';
import type { Database } from '../../../db/schema.ts';
import { dateField, textField } from '../engine/bodies.ts';
import { todayOf } from '../case.facts.ts';
import { readJsonObject } from '../case.json.ts';
import { caseSummarySchema } from '../case.schemas.ts';
import { presentSummary } from '../detail/present.ts';
import { findRegion } from '../drafts/draft.repository.ts';
import { listCasePage } from '../list/list.repository.ts';
import { caseVisibility } from '../list/list.service.ts';
import { rowId } from '../../../core/http/row-id.ts';

type Q = Kysely<Database> | Transaction<Database>;

const meetingBody = z.strictObject({
  title: textField('座谈会名称', 200),
  heldOn: dateField('召开日期'),
  place: z.string().trim().max(200, '地点不能超过 200 字').default(''),
  organiser: z.string().trim().max(200, '主办单位不能超过 200 字').default(''),
  // 参会企业及人员, one per line as the recorder writes them.
  attendees: z.string().trim().max(4000, '参会企业及人员不能超过 4000 字').default(''),
  notes: z.string().trim().max(20000, '纪要不能超过 20000 字').default(''),
  regionCode: z.string().max(12).optional(),
});
const meetingSchema = z.object({
  id: z.number(),
  year: z.number(),
  regionCode: z.string(),
  regionName: z.string(),
  title: z.string(),
  heldOn: z.string(),
  place: z.string(),
  // 主办单位 as recorded, or the region's 统战部 for a meeting recorded without one.
  organiser: z.string(),
  attendees: z.string(),
  notes: z.string(),
  recordedByName: z.string(),
  appealCount: z.number(),
});
const meetingDetailSchema = meetingSchema.extend({
  // The appeals raised in it that the reader may see, with the enterprise each names.
  appeals: z.array(caseSummarySchema.extend({ enterprise: z.string() })),
});

function withNames(db: Q) {
  return db
    .selectFrom('case_meetings as m')
    .innerJoin('regions as r', 'r.code', 'm.region_code')
    .innerJoin('users as u', 'u.id', 'm.created_by')
    .selectAll('m')
    .select([
      'r.name as region_name',
      'u.display_name as recorded_by_name',
      (eb) =>
        eb
          .selectFrom('cases as c')
          .select((e) => e.fn.countAll<number | string>().as('n'))
          .whereRef('c.meeting_id', '=', 'm.id')
          .where('c.state', '!=', 'draft')
          .as('appeal_count'),
    ]);
}
type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeetingById>>>;
const findMeetingById = (db: Q, id: number) => withNames(db).where('m.id', '=', id).executeTakeFirst();

const present = (m: MeetingRow) => ({
  id: m.id,
  year: m.year,
  regionCode: m.region_code,
  regionName: m.region_name,
  title: m.title,
  heldOn: m.held_on,
  place: m.place,
  organiser: m.organiser || `${m.region_name}统战部`,
  attendees: m.attendees,
  recordedByName: m.recorded_by_name,
  notes: m.notes,
  appealCount: Number(m.appeal_count ?? 0),
});

// Staff and leaders see their region subtree's meetings; others see a meeting through its appeals only.
const meetingResource = scopedResource<MeetingRow, number>({
  type: 'case_meeting',
  notFound: 'CASE_MEETING_NOT_FOUND',
  find: (s: Services, id) => findMeetingById(s.db.kysely, id),
  inScope: async (_s, ctx, m) => {
    const v = recordVisibilityOf(ctx.actor);
    return v.kind === 'all' || (v.kind === 'region' && isInSubtree(m.region_path, v.path));
  },
});

async function listVisibleMeetings(s: Services, ctx: RequestContext, year: number | undefined) {
  const v = recordVisibilityOf(ctx.actor);
  const own = ctx.actor?.regionPath;
  let q = withNames(s.db.kysely);
  if (v.kind === 'region')
    q = q.where((eb) =>
      eb.or([eb('m.region_path', '=', v.path), likeStartsWith('m.region_path', `${v.path}/`)]),
    );
  else if (v.kind !== 'all' && own && ctx.actor?.permissions.has('work.submit'))
    // The meetings an appeal of theirs may name (drafts/draft.service.ts): their region's line up and down.
    q = q.where((eb) =>
      eb.or([eb('m.region_path', 'in', ancestorsAndSelf(own)), likeStartsWith('m.region_path', `${own}/`)]),
    );
  else if (v.kind !== 'all') q = q.where(sql<boolean>`1 = 0`);
  if (year !== undefined) q = q.where('m.year', '=', year);
  return (await q.orderBy('m.held_on', 'desc').limit(500).execute()).map(present);
}

/** '370000/370100/370102' → ['370000', '370000/370100', '370000/370100/370102']. */
function ancestorsAndSelf(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function enterpriseOf(body: string): string {
  try {
    const e = readJsonObject(body).enterprise;
    return typeof e === 'string' ? e : '';
  } catch {
    return '';
  }
}

async function getMeeting(s: Services, ctx: RequestContext, id: number) {
  const m = (await findMeetingById(s.db.kysely, id))!;
  const today = todayOf(s);
  const page = await listCasePage(s.db.kysely, caseVisibility(ctx.actor), { meetingId: id }, 200);
  const appeals = page.slice(0, 200);
  const bodies = appeals.length
    ? await s.db.kysely
        .selectFrom('cases')
        .select(['id', 'body'])
        .where(
          'id',
          'in',
          appeals.map((c) => c.id),
        )
        .execute()
    : [];
  const enterprise = new Map(bodies.map((b) => [b.id, enterpriseOf(b.body)]));
  return {
    ...present(m),
    appeals: appeals.map((c) => ({ ...presentSummary(c, today), enterprise: enterprise.get(c.id) ?? '' })),
  };
}

/** Records a 政企座谈会 (staff of its region or above); the demo workspace records one the same way. */
export async function createMeeting(s: Services, ctx: RequestContext, input: z.input<typeof meetingBody>) {
  const body = meetingBody.parse(input);
  const actor = ctx.actor!;
  if (!actor.regionCode || !actor.regionPath)
    throw appError('FORBIDDEN', '只有所属地区明确的统战部工作人员可以登记座谈会');
  const region = await findRegion(s.db.kysely, body.regionCode ?? actor.regionCode);
  if (!region) throw appError('REGION_NOT_FOUND');
  if (!isInSubtree(region.path, actor.regionPath))
    throw appError('CASE_INVALID', '只能登记本地区或下级地区的座谈会');
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    const now = toTimestamp(s.clock.now());
    const { id: meetingId } = await trx
      .insertInto('case_meetings')
      .values({
        year: Number(body.heldOn.slice(0, 4)),
        region_code: region.code,
        region_path: region.path,
        title: body.title,
        held_on: body.heldOn,
        place: body.place,
        organiser: body.organiser,
        attendees: body.attendees,
        notes: body.notes,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await s.audit.record(trx, ctx, {
      action: 'case_meeting.create',
      objectType: 'case_meeting',
      objectId: meetingId,
    });
    return meetingId;
  });
  return getMeeting(s, ctx, id);
}

/** 政企座谈会 routes: list, record, page with its appeals. */
export function meetingRoutes(app: FastifyInstance, s: Services) {
  const r = router(app);
  const tags = ['政企沟通'];
  r.get('/api/case-meetings', {
    config: { access: { permission: 'work.read', scope: 'data' } },
    schema: {
      tags,
      operationId: 'listCaseMeetings',
      summary: '政企座谈会列表（工作人员：本地区及下级；提交人：可在诉求中选择的本地区上下级座谈会）',
      querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      response: { 200: z.array(meetingSchema) },
    },
    handler: (req) => listVisibleMeetings(s, req.ctx, req.query.year),
  });
  r.post('/api/case-meetings', {
    config: { access: { permission: 'work.manage', scope: 'data', idempotent: true } },
    schema: {
      tags,
      operationId: 'createCaseMeeting',
      summary:
        '登记政企座谈会（名称、日期、地点、主办单位、参会企业及人员、纪要）：统战部工作人员；会上提出的诉求在起草时选择本座谈会',
      body: meetingBody,
      response: { 201: meetingDetailSchema },
    },
    handler: async (req, reply) => reply.status(201).send(await createMeeting(s, req.ctx, req.body)),
  });
  r.get('/api/case-meetings/:id', {
    config: { access: { permission: 'work.read', scope: 'data', record: keyedBy(meetingResource, 'id') } },
    schema: {
      tags,
      operationId: 'getCaseMeeting',
      summary: '政企座谈会详情及会上提出的诉求',
      params: z.strictObject({ id: rowId }),
      response: { 200: meetingDetailSchema },
    },
    handler: (req) => getMeeting(s, req.ctx, scopedRecord(req, meetingResource).id),
  });
}
