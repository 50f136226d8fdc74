// 督办通报: staff generate a draft from the record (bulletin.sections.ts), edit its text, issue it (then
// it is frozen), download it as a .docx in 公文 layout (bulletin.docx.ts) and send it to the inboxes of
// the units it covers.
import type { RequestContext } from '../../core/access/actor.ts';
import { regionInScope } from '../../core/access/scope.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { shanghaiDate } from '../tasks/index.ts';
import {
  findBulletin,
  findRegionDepartment,
  insertBulletin,
  listBulletins,
  listLeadUnits,
  updateBulletin,
  type BulletinWithRegion,
} from './bulletin.repository.ts';
import { buildSections, type BulletinPeriod } from './bulletin.sections.ts';
import { parseSections, parseSentUnits } from './bulletin.stored.ts';

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];
const LIST_LIMIT = 200;

function periodOf(key: string): BulletinPeriod {
  const year = Number(key.slice(0, 4));
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (m: number) => new Date(Date.UTC(year, m, 0)).getUTCDate();
  if (key[5] === 'Q') {
    const q = Number(key[6]);
    const first = (q - 1) * 3 + 1;
    return {
      kind: 'quarter',
      key,
      label: `${year}年${QUARTERS[q - 1]}`,
      year,
      start: `${year}-${pad(first)}-01`,
      end: `${year}-${pad(first + 2)}-${pad(lastDay(first + 2))}`,
    };
  }
  const month = Number(key.slice(5, 7));
  return {
    kind: 'month',
    key,
    label: `${year}年${month}月`,
    year,
    start: `${year}-${pad(month)}-01`,
    end: `${year}-${pad(month)}-${pad(lastDay(month))}`,
  };
}

function presentBulletin(row: BulletinWithRegion) {
  return {
    id: row.id,
    regionCode: row.region_code,
    regionName: row.region_name,
    periodKind: row.period_kind,
    period: row.period_key,
    periodLabel: periodOf(row.period_key).label,
    title: row.title,
    issuer: row.issuer,
    status: row.status,
    createdAt: row.created_at,
    issuedOn: row.issued_on,
    sentAt: row.sent_at,
    version: row.version,
  };
}

export const sectionsOf = (row: BulletinWithRegion) => parseSections(row.sections);
const detailOf = (row: BulletinWithRegion) => ({ ...presentBulletin(row), sections: sectionsOf(row) });

async function reread(s: Services, id: number) {
  const row = await findBulletin(s.db.kysely, id);
  if (!row) throw appError('BULLETIN_NOT_FOUND');
  return row;
}

export async function listRegionBulletins(s: Services, ctx: RequestContext) {
  const scope = ctx.actor?.scope;
  if (!scope || (scope.kind !== 'region' && scope.kind !== 'all')) return { items: [] };
  const rows = await listBulletins(s.db.kysely, scope.kind === 'all' ? null : scope.regionPath, LIST_LIMIT);
  return { items: rows.map(presentBulletin) };
}

export const getBulletin = (row: BulletinWithRegion) => detailOf(row);

/** Writes a draft from the record for the period and region (the reader's own unless named). */
export async function generateBulletin(
  s: Services,
  ctx: RequestContext,
  input: { period: string; regionCode?: string | undefined },
) {
  const actor = ctx.actor;
  const code = input.regionCode ?? actor?.regionCode ?? null;
  const region = code
    ? await s.db.kysely
        .selectFrom('regions')
        .select(['code', 'name', 'path'])
        .where('code', '=', code)
        .executeTakeFirst()
    : undefined;
  if (!actor || !region || !regionInScope(actor.scope, region.path)) throw appError('REGION_NOT_FOUND');
  const period = periodOf(input.period);
  const now = s.clock.now();
  const today = shanghaiDate(now);
  const sections = await buildSections({ s, ctx, region, period, today });
  const issuer = (await findRegionDepartment(s.db.kysely, region.code)) ?? `${region.name}统战部`;
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    const stamp = toTimestamp(now);
    const newId = await insertBulletin(trx, {
      region_code: region.code,
      region_path: region.path,
      period_kind: period.kind,
      period_key: period.key,
      title: `关于${period.label}${region.name}统战工作任务落实情况的通报`,
      issuer,
      status: 'draft',
      sections: JSON.stringify(sections),
      created_by: actor.userId,
      created_at: stamp,
      updated_at: stamp,
    });
    await s.audit.record(trx, ctx, {
      action: 'bulletin.create',
      objectType: 'bulletin',
      objectId: newId,
      after: { regionCode: region.code, period: period.key },
    });
    return newId;
  });
  return detailOf(await reread(s, id));
}

function requireDraft(row: BulletinWithRegion) {
  if (row.status !== 'draft') throw appError('BULLETIN_STATE');
}

/** Staff edit the title and the sections' text of a draft (If-Match); figures and tables stay as generated. */
export async function updateDraft(
  s: Services,
  ctx: RequestContext,
  record: BulletinWithRegion,
  version: number,
  input: { title?: string | undefined; sections?: { key: string; text: string }[] | undefined },
) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = (await findBulletin(trx, record.id))!;
    requireDraft(row);
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    const sections = sectionsOf(row);
    for (const edit of input.sections ?? []) {
      const section = sections.find((x) => x.key === edit.key);
      if (!section) throw appError('VALIDATION_FAILED', `通报中没有“${edit.key}”这一节`);
      section.text = edit.text;
    }
    const ok = await updateBulletin(trx, row.id, version, {
      ...(input.title === undefined ? {} : { title: input.title }),
      sections: JSON.stringify(sections),
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'bulletin.update',
      objectType: 'bulletin',
      objectId: row.id,
      after: { title: input.title ?? null, sections: (input.sections ?? []).map((x) => x.key) },
    });
  });
  return detailOf(await reread(s, record.id));
}

/** Issues (印发) a draft: dated today, frozen from now on. */
export async function issueBulletin(
  s: Services,
  ctx: RequestContext,
  record: BulletinWithRegion,
  version: number,
) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = (await findBulletin(trx, record.id))!;
    requireDraft(row);
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    const now = s.clock.now();
    const ok = await updateBulletin(trx, row.id, version, {
      status: 'issued',
      issued_on: shanghaiDate(now),
      issued_by: ctx.actor?.userId ?? null,
      updated_at: toTimestamp(now),
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, { action: 'bulletin.issue', objectType: 'bulletin', objectId: row.id });
  });
  return detailOf(await reread(s, record.id));
}

/**
 * Sends an issued bulletin to the inboxes of the units it covers: every unit leading an assigned task of
 * the region subtree and year (their handlers, and a region's 统战部 staff who act for it). Sending again
 * (a correction of the recipients, a unit added since) tells them again; each send is audited.
 */
export async function sendBulletin(s: Services, ctx: RequestContext, record: BulletinWithRegion) {
  if (record.status !== 'issued') throw appError('BULLETIN_STATE', '督办通报印发后才能发送');
  const year = periodOf(record.period_key).year;
  return s.db.kysely.transaction().execute(async (trx) => {
    const row = (await findBulletin(trx, record.id))!;
    const units = await listLeadUnits(trx, row.region_path, year);
    const delivery = await s.notify(trx, {
      recipients: units.map((unitId) => ({ unitId, roles: ['handler', 'staff'] as const })),
      kind: 'bulletin.issued',
      title: `${record.issuer}印发《${record.title}》，请查阅并按要求落实`,
      object: { type: 'bulletin', id: record.id },
      except: ctx.actor ? [ctx.actor.userId] : [],
    });
    const sentTo = new Set([...parseSentUnits(row.sent_units), ...units]);
    // Who was sent it may read it: a lost race must not leave messages pointing at a page they cannot open.
    const ok = await updateBulletin(trx, row.id, row.version, {
      sent_units: JSON.stringify([...sentTo].sort((a, b) => a - b)),
      sent_at: toTimestamp(s.clock.now()),
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'bulletin.send',
      objectType: 'bulletin',
      objectId: record.id,
      note: { units: units.length, recipients: delivery.recipientIds.length },
    });
    return { units: units.length, recipients: delivery.recipientIds.length };
  });
}
