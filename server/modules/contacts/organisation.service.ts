// The organisations of the contacts directory: 民主党派 committees, 工商联, enterprises (with the 工商联 they
// belong to) and others, each kept by a region's staff.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { regionInScope } from '../../core/access/scope.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { organisationHeldBy } from './contact.holders.ts';
import { filterOf } from './contact.policy.ts';
import {
  deleteOrganisation,
  findOrganisation,
  findRegion,
  insertOrganisation,
  listOrganisations,
  organisationNameTaken,
  organisationReferences,
  unitExists,
  updateOrganisation,
  type OrganisationRow,
  type OrganisationWithNames,
} from './contact.repository.ts';

type Kind = OrganisationRow['kind'];

function presentOrganisation(row: OrganisationWithNames) {
  return {
    id: row.id,
    regionCode: row.region_code,
    regionName: row.region_name,
    kind: row.kind,
    name: row.name,
    unitId: row.unit_id,
    federationId: row.federation_id,
    federationName: row.federation_name,
    version: row.version,
  };
}

export async function listOrganisationsInScope(
  s: Services,
  ctx: RequestContext,
  query: { q?: string | undefined; kind?: Kind | undefined; limit: number; cursor?: string | undefined },
) {
  const rows = await listOrganisations(s.db.kysely, filterOf(ctx.actor), {
    q: query.q || undefined,
    kind: query.kind,
    after: decodeCursor<number>(query.cursor, 'number'),
    limit: query.limit,
  });
  return pageOf(rows, query.limit, (r) => r.id, presentOrganisation);
}

// The linked unit must exist; the 工商联 must be a federation of the same region subtree the reader sees.
async function checkLinks(
  trx: Transaction<Database>,
  ctx: RequestContext,
  input: { kind: Kind; unitId?: number | null | undefined; federationId?: number | null | undefined },
) {
  if (input.unitId && !(await unitExists(trx, input.unitId))) throw appError('UNIT_NOT_FOUND');
  if (input.federationId) {
    if (input.kind !== 'enterprise') throw appError('CONTACT_INVALID', '只有企业可以填写所属工商联');
    const federation = await findOrganisation(trx, input.federationId);
    if (!federation || !ctx.actor || !regionInScope(ctx.actor.scope, federation.region_path))
      throw appError('CONTACT_ORGANISATION_NOT_FOUND', '所填的工商联不存在');
    if (federation.kind !== 'federation')
      throw appError('CONTACT_INVALID', '所属工商联须是类型为“工商联”的组织');
  }
}

export async function createOrganisation(
  s: Services,
  ctx: RequestContext,
  input: {
    regionCode: string;
    kind: Kind;
    name: string;
    unitId?: number | null | undefined;
    federationId?: number | null | undefined;
  },
) {
  const region = await findRegion(s.db.kysely, input.regionCode);
  if (!ctx.actor || !region || !regionInScope(ctx.actor.scope, region.path))
    throw appError('REGION_NOT_FOUND');
  const stamp = toTimestamp(s.clock.now());
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    await checkLinks(trx, ctx, input);
    if (await organisationNameTaken(trx, region.code, input.name))
      throw appError('CONTACT_ORGANISATION_EXISTS');
    const newId = await insertOrganisation(trx, {
      region_code: region.code,
      region_path: region.path,
      kind: input.kind,
      name: input.name,
      unit_id: input.unitId ?? null,
      federation_id: input.federationId ?? null,
      created_by: ctx.actor?.userId ?? null,
      created_at: stamp,
      updated_at: stamp,
    });
    await s.audit.record(trx, ctx, {
      action: 'contact_organisation.create',
      objectType: 'contact_organisation',
      objectId: newId,
      after: {
        regionCode: region.code,
        kind: input.kind,
        name: input.name,
        unitId: input.unitId ?? null,
        federationId: input.federationId ?? null,
      },
    });
    return newId;
  });
  return presentOrganisation((await findOrganisation(s.db.kysely, id))!);
}

export async function updateOrganisationById(
  s: Services,
  ctx: RequestContext,
  record: OrganisationWithNames,
  version: number,
  input: {
    kind?: Kind | undefined;
    name?: string | undefined;
    unitId?: number | null | undefined;
    federationId?: number | null | undefined;
  },
) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findOrganisation(trx, record.id);
    if (!row) throw appError('CONTACT_ORGANISATION_NOT_FOUND');
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    const kind = input.kind ?? row.kind;
    await checkLinks(trx, ctx, {
      kind,
      unitId: input.unitId,
      federationId:
        input.federationId === undefined
          ? kind === 'enterprise'
            ? row.federation_id
            : null
          : input.federationId,
    });
    if (input.name && (await organisationNameTaken(trx, row.region_code, input.name, row.id)))
      throw appError('CONTACT_ORGANISATION_EXISTS');
    const ok = await updateOrganisation(trx, row.id, version, {
      ...(input.kind === undefined ? {} : { kind: input.kind }),
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.unitId === undefined ? {} : { unit_id: input.unitId }),
      ...(input.federationId === undefined ? {} : { federation_id: input.federationId }),
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'contact_organisation.update',
      objectType: 'contact_organisation',
      objectId: row.id,
      before: { kind: row.kind, name: row.name, unitId: row.unit_id, federationId: row.federation_id },
      after: input,
    });
  });
  return presentOrganisation((await findOrganisation(s.db.kysely, record.id))!);
}

// Why an organisation cannot go yet, in words a person can act on; empty when nothing refers to it.
async function whatRefersTo(trx: Transaction<Database>, id: number): Promise<string[]> {
  const refs = await organisationReferences(trx, id);
  const reasons: string[] = [];
  if (refs.people > 0)
    reasons.push(
      `本组织还有 ${refs.people} 名联系人${refs.anonymised ? `（其中 ${refs.anonymised} 名已匿名化）` : ''}，请先删除这些联系人`,
    );
  if (refs.enterprises.length > 0) {
    const shown = refs.enterprises.slice(0, 10).join('、');
    reasons.push(
      `以下企业以本组织为所属工商联：${shown}${refs.enterprises.length > 10 ? ' 等' : ''}，请先修改这些企业的所属工商联`,
    );
  }
  return [...reasons, ...(await organisationHeldBy(trx, id))];
}

/** Deletes an organisation at `version` that nothing refers to; otherwise 409 naming what does. */
export async function deleteOrganisationById(
  s: Services,
  ctx: RequestContext,
  record: OrganisationWithNames,
  version: number,
) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findOrganisation(trx, record.id);
    if (!row) throw appError('CONTACT_ORGANISATION_NOT_FOUND');
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    const reasons = await whatRefersTo(trx, row.id);
    if (reasons.length)
      throw appError('CONTACT_ORGANISATION_IN_USE', `不能删除“${row.name}”：${reasons.join('；')}。`, {
        reasons,
      });
    if (!(await deleteOrganisation(trx, row.id, version))) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'contact_organisation.delete',
      objectType: 'contact_organisation',
      objectId: row.id,
      before: { regionCode: row.region_code, kind: row.kind, name: row.name, unitId: row.unit_id },
    });
  });
}
