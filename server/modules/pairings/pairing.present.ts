// Rows → API objects. Stored JSON (the village's name path, an update's attachment ids) is parsed with
// Zod, never cast.
import { z } from 'zod';
import { fenOf, fenToWan } from './pairing.money.ts';
import type { PairingUpdateRow, PairingWithNames } from './pairing.repository.ts';
import { PROJECT_TYPE_LABELS, STATUS_LABELS } from './pairing.schemas.ts';

const names = z.array(z.string()).max(5);
const ids = z.array(z.number().int());

export function villageNamesOf(text: string): string[] {
  const parsed = names.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : [];
}

export function presentPairing(row: PairingWithNames) {
  return {
    id: row.id,
    year: row.year,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    federationId: row.federation_id,
    federationName: row.federation_name,
    contactId: row.contact_id,
    contactName: row.contact_name,
    villageCode: row.village_code,
    villageNames: villageNamesOf(row.village_names),
    regionCode: row.region_code,
    projectType: row.project_type,
    projectTypeLabel: PROJECT_TYPE_LABELS[row.project_type],
    title: row.title,
    description: row.description,
    stage: row.stage,
    investedWan: fenToWan(fenOf(row.invested_fen)),
    incomeWan: fenToWan(fenOf(row.income_fen)),
    peopleHelped: row.people_helped,
    jobsCreated: row.jobs_created,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    reviewReason: row.review_reason,
    reviewedAt: row.reviewed_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentUpdate(row: PairingUpdateRow) {
  const attached = ids.safeParse(JSON.parse(row.attachment_ids));
  return {
    id: row.id,
    reportedOn: row.reported_on,
    note: row.note,
    stage: row.stage,
    investedWan: fenToWan(fenOf(row.invested_fen)),
    incomeWan: fenToWan(fenOf(row.income_fen)),
    peopleHelped: row.people_helped,
    jobsCreated: row.jobs_created,
    attachmentIds: attached.success ? attached.data : [],
    createdAt: row.created_at,
  };
}
