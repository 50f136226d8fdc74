// The rules of the contacts directory's people: sealing and masking, look-up by blind index, duplicates,
// versioned edits, audited unmasking, and deletion or anonymisation only while nothing holds the contact.
// Phone numbers and e-mail addresses leave this file masked, except from unmaskField and the export;
// no value ever enters the audit log (only the names of the fields touched).
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { loadInScope } from '../../core/access/guard.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { contactHeldBy } from './contact.holders.ts';
import { contactOrganisationResource, filterOf } from './contact.policy.ts';
import {
  deleteContact,
  findContact,
  findSamePhone,
  insertContact,
  listContacts,
  updateContact,
  type ContactWithOrganisation,
} from './contact.repository.ts';
import { maskEmail, maskPhone, normaliseEmail, normalisePhone } from './contact.values.ts';

export type ContactField = 'phone' | 'email';
type LegalBasis = 'duty' | 'consent';

const ANONYMISED_NAME = '（已匿名化）';

// A stored value that no key opens, or whose integrity tag fails, is shown as such rather than failing
// the whole list; unmasking it is an error.
function openMasked(s: Services, sealed: string | null, mask: (plain: string) => string): string | null {
  if (sealed === null) return null;
  try {
    return mask(s.personalData.open(sealed));
  } catch {
    return '（校验失败）';
  }
}

export function presentContact(s: Services, row: ContactWithOrganisation) {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationKind: row.organisation_kind,
    name: row.name,
    title: row.title,
    phone: openMasked(s, row.phone_sealed, maskPhone),
    email: openMasked(s, row.email_sealed, maskEmail),
    legalBasis: row.legal_basis,
    consentOn: row.consent_on,
    anonymised: row.anonymised_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The reader's contacts, newest first; `q` is part of a name, or a whole phone number or e-mail address. */
export async function listContactsInScope(
  s: Services,
  ctx: RequestContext,
  query: {
    q?: string | undefined;
    organisationId?: number | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const q = query.q?.trim() || undefined;
  const phone = q ? normalisePhone(q) : null;
  const email = q?.includes('@') ? normaliseEmail(q) : null;
  const rows = await listContacts(s.db.kysely, filterOf(ctx.actor), {
    ...(phone ? { phoneIndex: s.personalData.blindIndexes('phone', phone) } : {}),
    ...(email ? { emailIndex: s.personalData.blindIndexes('email', email) } : {}),
    ...(!phone && !email && q ? { name: q } : {}),
    organisationId: query.organisationId,
    after: decodeCursor<number>(query.cursor, 'number'),
    limit: query.limit,
  });
  return pageOf(
    rows,
    query.limit,
    (r) => r.id,
    (r) => presentContact(s, r),
  );
}

interface ContactInput {
  name?: string | undefined;
  title?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  legalBasis?: LegalBasis | undefined;
  consentOn?: string | null | undefined;
}

const phoneDigits = (typed: string | null | undefined) => (typed ? normalisePhone(typed) : null);

// The sealed columns for a typed value (null clears it); undefined leaves them as they are.
function sealedPhone(s: Services, typed: string | null | undefined) {
  if (typed === undefined) return {};
  const digits = typed === null ? null : normalisePhone(typed);
  return {
    phone_sealed: digits === null ? null : s.personalData.seal(digits),
    phone_index: digits === null ? null : s.personalData.blindIndex('phone', digits),
  };
}

function sealedEmail(s: Services, typed: string | null | undefined) {
  if (typed === undefined) return {};
  const address = typed === null ? null : normaliseEmail(typed);
  return {
    email_sealed: address === null ? null : s.personalData.seal(address),
    email_index: address === null ? null : s.personalData.blindIndex('email', address),
  };
}

function legalColumns(basis: LegalBasis, consentOn: string | null | undefined) {
  if (basis === 'consent' && !consentOn)
    throw appError('CONTACT_INVALID', '依据本人同意保存的，请填写同意日期');
  return { legal_basis: basis, consent_on: basis === 'consent' ? (consentOn ?? null) : null };
}

async function refuseDuplicatePhone(
  s: Services,
  trx: Transaction<Database>,
  organisationId: number,
  digits: string | null | undefined,
  except?: number,
) {
  if (!digits) return;
  const same = await findSamePhone(trx, organisationId, s.personalData.blindIndexes('phone', digits), except);
  if (same)
    throw appError(
      'CONTACT_DUPLICATE',
      `本组织已登记了使用该电话号码的联系人（编号 ${same.id}），请勿重复登记`,
      { contactId: same.id },
    );
}

const touched = (input: ContactInput) =>
  (['name', 'title', 'phone', 'email', 'legalBasis', 'consentOn'] as const).filter(
    (k) => input[k] !== undefined,
  );

export async function createContact(
  s: Services,
  ctx: RequestContext,
  input: ContactInput & { organisationId: number; name: string; legalBasis: LegalBasis },
) {
  // Out of the reader's scope answers as a missing organisation (and is audited).
  const organisation = await loadInScope(s, ctx, contactOrganisationResource, input.organisationId);
  const stamp = toTimestamp(s.clock.now());
  const phone = sealedPhone(s, input.phone ?? null);
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    await refuseDuplicatePhone(s, trx, organisation.id, phoneDigits(input.phone ?? null));
    const newId = await insertContact(trx, {
      organisation_id: organisation.id,
      region_path: organisation.region_path,
      name: input.name,
      title: input.title ?? null,
      ...(phone as { phone_sealed: string | null; phone_index: string | null }),
      ...(sealedEmail(s, input.email ?? null) as { email_sealed: string | null; email_index: string | null }),
      ...legalColumns(input.legalBasis, input.consentOn),
      anonymised_at: null,
      created_by: ctx.actor?.userId ?? null,
      created_at: stamp,
      updated_at: stamp,
    });
    await s.audit.record(trx, ctx, {
      action: 'contact.create',
      objectType: 'contact',
      objectId: newId,
      after: { organisationId: organisation.id, fields: touched(input), legalBasis: input.legalBasis },
    });
    return newId;
  });
  return presentContact(s, (await findContact(s.db.kysely, id))!);
}

function requireLive(row: ContactWithOrganisation) {
  if (row.anonymised_at !== null) throw appError('CONTACT_ANONYMISED');
}

export async function updateContactById(
  s: Services,
  ctx: RequestContext,
  record: ContactWithOrganisation,
  version: number,
  input: ContactInput,
) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findContact(trx, record.id);
    if (!row) throw appError('CONTACT_NOT_FOUND');
    requireLive(row);
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    const phone = sealedPhone(s, input.phone);
    await refuseDuplicatePhone(s, trx, row.organisation_id, phoneDigits(input.phone), row.id);
    const legal =
      input.legalBasis !== undefined || input.consentOn !== undefined
        ? legalColumns(
            input.legalBasis ?? row.legal_basis,
            input.consentOn === undefined ? row.consent_on : input.consentOn,
          )
        : {};
    const ok = await updateContact(trx, row.id, version, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.title === undefined ? {} : { title: input.title }),
      ...phone,
      ...sealedEmail(s, input.email),
      ...legal,
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'contact.update',
      objectType: 'contact',
      objectId: row.id,
      after: { fields: touched(input) },
    });
  });
  return presentContact(s, (await findContact(s.db.kysely, record.id))!);
}

/** One field in full, for the one view that asked; audited with the field's name, never its value. */
export async function unmaskField(
  s: Services,
  ctx: RequestContext,
  record: ContactWithOrganisation,
  field: ContactField,
) {
  requireLive(record);
  const sealed = field === 'phone' ? record.phone_sealed : record.email_sealed;
  if (sealed === null)
    throw appError(
      'CONTACT_INVALID',
      field === 'phone' ? '该联系人没有登记电话号码' : '该联系人没有登记电子邮箱',
    );
  const value = s.personalData.open(sealed);
  await s.audit.recordAlone(ctx, {
    action: 'contact.unmask',
    objectType: 'contact',
    objectId: record.id,
    note: { field },
  });
  return { field, value };
}

function heldByMessage(verb: string, holders: string[]): string {
  return `该联系人仍被以下记录使用，不能${verb}：${holders.join('；')}。请先在这些记录中更换或移除该联系人，或待其办结后再${verb}。`;
}

/** Deletes the contact at `version` unless something still needs it (then 409 naming the holders). */
export async function deleteContactById(
  s: Services,
  ctx: RequestContext,
  record: ContactWithOrganisation,
  version: number,
) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findContact(trx, record.id);
    if (!row) throw appError('CONTACT_NOT_FOUND');
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    const holders = await contactHeldBy(trx, row.id);
    if (holders.length) throw appError('CONTACT_IN_USE', heldByMessage('删除', holders), { holders });
    if (!(await deleteContact(trx, row.id, version))) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'contact.delete',
      objectType: 'contact',
      objectId: row.id,
      before: { organisationId: row.organisation_id },
    });
  });
}

/**
 * Removes everything that identifies the person (name, title, phone, e-mail and their blind indexes) and
 * keeps the row, so counts and links stay whole; refused like deletion while something needs the contact.
 */
export async function anonymiseContact(
  s: Services,
  ctx: RequestContext,
  record: ContactWithOrganisation,
  version: number,
) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findContact(trx, record.id);
    if (!row) throw appError('CONTACT_NOT_FOUND');
    requireLive(row);
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    const holders = await contactHeldBy(trx, row.id);
    if (holders.length) throw appError('CONTACT_IN_USE', heldByMessage('匿名化', holders), { holders });
    const now = toTimestamp(s.clock.now());
    const ok = await updateContact(trx, row.id, version, {
      name: ANONYMISED_NAME,
      title: null,
      phone_sealed: null,
      phone_index: null,
      email_sealed: null,
      email_index: null,
      anonymised_at: now,
      updated_at: now,
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, { action: 'contact.anonymise', objectType: 'contact', objectId: row.id });
  });
  return presentContact(s, (await findContact(s.db.kysely, record.id))!);
}

const LEGAL_LABELS: Record<LegalBasis, string> = { duty: '履行法定职责所必需', consent: '本人同意' };

/** The person's own data in full, and what holds it; audited (`contact.export`, the format). */
export async function exportContact(
  s: Services,
  ctx: RequestContext,
  record: ContactWithOrganisation,
  format: 'json' | 'xlsx',
) {
  requireLive(record);
  return s.db.kysely.transaction().execute(async (trx) => {
    const heldBy = await contactHeldBy(trx, record.id);
    await s.audit.record(trx, ctx, {
      action: 'contact.export',
      objectType: 'contact',
      objectId: record.id,
      note: { format },
    });
    return {
      exportedAt: toTimestamp(s.clock.now()),
      contact: {
        id: record.id,
        name: record.name,
        organisation: record.organisation_name,
        title: record.title,
        phone: record.phone_sealed === null ? null : s.personalData.open(record.phone_sealed),
        email: record.email_sealed === null ? null : s.personalData.open(record.email_sealed),
        legalBasis: LEGAL_LABELS[record.legal_basis],
        consentOn: record.consent_on,
        createdAt: record.created_at,
        updatedAt: record.updated_at,
      },
      heldBy,
    };
  });
}
