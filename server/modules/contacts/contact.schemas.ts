import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/http/pagination.ts';
import { normaliseEmail, normalisePhone } from './contact.values.ts';
import { rowId } from '../../core/http/row-id.ts';

// 联系人: what the API takes and answers. There is no field for religion, ethnicity, political views or
// any judgement of a person, and none may be added (contacts.privacy.test.ts). Phone numbers and e-mail
// addresses are answered masked, always; the full value only through POST …/unmask or the export.

const organisationKind = z.enum(['party', 'federation', 'enterprise', 'other']).meta({
  id: 'ContactOrganisationKind',
  description: 'party 民主党派, federation 工商联, enterprise 企业, other 其他',
});
const legalBasis = z.enum(['duty', 'consent']).meta({
  id: 'ContactLegalBasis',
  description: 'duty 履行法定职责所必需, consent 本人同意（须填同意日期）',
});
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const name = z.string().trim().min(1, '请填写姓名').max(100, '姓名不超过 100 字');
const title = z.string().trim().max(100, '职务不超过 100 字').nullable();
const phone = z
  .string()
  .max(40, '电话号码过长')
  .refine((v) => normalisePhone(v) !== null, '请填写正确的电话号码（5–20 位数字，可含空格、短横线或 +86）')
  .nullable();
const email = z
  .string()
  .max(200, '电子邮箱过长')
  .refine((v) => normaliseEmail(v) !== null, '请填写正确的电子邮箱地址')
  .nullable();

export const idParams = z.strictObject({ id: rowId });

export const organisationCreateBody = z.strictObject({
  regionCode: z.string().regex(/^\d{6}$/, '地区代码应为 6 位数字'),
  kind: organisationKind,
  name: z.string().trim().min(1, '请填写组织名称').max(200, '组织名称不超过 200 字'),
  // The organisation's own unit (a party committee whose people use Luoshi).
  unitId: z.number().int().positive().nullable().optional(),
  // An enterprise's 工商联 (an organisation of kind federation).
  federationId: z.number().int().positive().nullable().optional(),
});

export const organisationUpdateBody = organisationCreateBody.omit({ regionCode: true }).partial();

export const organisationListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  kind: organisationKind.optional(),
  ...pageQuery,
});

export const organisationSchema = z
  .object({
    id: z.number(),
    regionCode: z.string(),
    regionName: z.string(),
    kind: organisationKind,
    name: z.string(),
    unitId: z.number().nullable(),
    federationId: z.number().nullable(),
    federationName: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'ContactOrganisation' });

export const organisationPage = pageSchema(organisationSchema);

export const contactCreateBody = z
  .strictObject({
    organisationId: z.number().int().positive(),
    name,
    title: title.optional(),
    phone: phone.optional(),
    email: email.optional(),
    legalBasis,
    consentOn: day.nullable().optional(),
  })
  .refine((b) => b.legalBasis !== 'consent' || !!b.consentOn, {
    message: '依据本人同意保存的，请填写同意日期',
    path: ['consentOn'],
  });

export const contactUpdateBody = z.strictObject({
  name: name.optional(),
  title: title.optional(),
  phone: phone.optional(),
  email: email.optional(),
  legalBasis: legalBasis.optional(),
  consentOn: day.nullable().optional(),
});

export const contactListQuery = z.strictObject({
  // A name (part of it), or a whole phone number or e-mail address (found through the blind index).
  q: z.string().trim().max(100).optional(),
  organisationId: rowId.optional(),
  ...pageQuery,
});

export const contactSchema = z
  .object({
    id: z.number(),
    organisationId: z.number(),
    organisationName: z.string(),
    organisationKind: organisationKind,
    name: z.string(),
    title: z.string().nullable(),
    phone: z.string().nullable().describe('脱敏显示，如 138****1234'),
    email: z.string().nullable().describe('脱敏显示，如 z***@example.com'),
    legalBasis,
    consentOn: z.string().nullable(),
    anonymised: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'Contact' });

export const contactPage = pageSchema(contactSchema);

const contactField = z.enum(['phone', 'email']);
export const unmaskBody = z.strictObject({ field: contactField });
export const unmaskAnswer = z.object({ field: contactField, value: z.string() });

export const exportQuery = z.strictObject({ format: z.enum(['json', 'xlsx']).default('json') });
