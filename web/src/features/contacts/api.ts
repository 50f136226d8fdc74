import { get, patch, post, request, newIdempotencyKey, type Download, type Page } from '@/api/client';
import type { Answer, Body, QueryOf } from '@/api/types';

// 联系人 (server/modules/contacts), typed from the OpenAPI document. Phone numbers and e-mail addresses
// come masked; unmaskField answers one value for the view that asked, and nothing here keeps it.
export type Contact = Answer<'getContact'>;
export type ContactOrganisation = Answer<'listContactOrganisations'>['items'][number];
export type ContactField = Body<'unmaskContactField'>['field'];
export type ContactCreate = Body<'createContact'>;
export type ContactEdit = Body<'updateContact'>;
export type OrganisationCreate = Body<'createContactOrganisation'>;
export type OrganisationEdit = Body<'updateContactOrganisation'>;

export const listContacts = (query: QueryOf<'listContacts'>) =>
  get<Page<Contact>>('/api/contacts', { ...query });

export const createContact = (body: ContactCreate, idempotencyKey = newIdempotencyKey()) =>
  post<Contact>('/api/contacts', body, { idempotencyKey });

export const updateContact = (id: number, version: number, body: ContactEdit) =>
  patch<Contact>(`/api/contacts/${id}`, body, version);

export const unmaskField = (id: number, field: ContactField) =>
  post<Answer<'unmaskContactField'>>(`/api/contacts/${id}/unmask`, { field });

export const exportContact = (id: number, format: 'json' | 'xlsx') =>
  request<Download>('GET', `/api/contacts/${id}/export`, { query: { format }, download: true });

export const deleteContact = (id: number, version: number) =>
  request<void>('DELETE', `/api/contacts/${id}`, { ifMatch: version });

export const anonymiseContact = (id: number, version: number) =>
  post<Contact>(`/api/contacts/${id}/anonymise`, undefined, { ifMatch: version });

export const listOrganisations = (query: QueryOf<'listContactOrganisations'> = {}) =>
  get<Page<ContactOrganisation>>('/api/contact-organisations', { ...query });

export const createOrganisation = (body: OrganisationCreate, idempotencyKey = newIdempotencyKey()) =>
  post<ContactOrganisation>('/api/contact-organisations', body, { idempotencyKey });

export const updateOrganisation = (id: number, version: number, body: OrganisationEdit) =>
  patch<ContactOrganisation>(`/api/contact-organisations/${id}`, body, version);

export const deleteOrganisation = (id: number, version: number) =>
  request<void>('DELETE', `/api/contact-organisations/${id}`, { ifMatch: version });

export const ORGANISATION_KIND_LABELS: Record<ContactOrganisation['kind'], string> = {
  party: '民主党派',
  federation: '工商联',
  enterprise: '企业',
  other: '其他',
};

export const LEGAL_BASIS_LABELS: Record<Contact['legalBasis'], string> = {
  duty: '履行职责',
  consent: '本人同意',
};
