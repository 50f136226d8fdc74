import { z } from 'zod';
import { rowId } from '../../core/http/row-id.ts';

const periodKey = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, '期别应为月份（如 2026-11）或季度（如 2026-Q4）')
  .meta({ title: '期别' });

export const bulletinCreateBody = z.strictObject({
  period: periodKey,
  // The reader's own region when absent; any region in their subtree otherwise.
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '地区代码应为 6 位数字')
    .optional(),
});

export const bulletinParams = z.strictObject({ id: rowId });

const sectionText = z.strictObject({
  key: z.string().min(1).max(40),
  text: z.string().max(20_000, '每节正文不超过 20000 字'),
});

export const bulletinUpdateBody = z.strictObject({
  title: z.string().trim().min(1, '请填写标题').max(200, '标题不超过 200 字').optional(),
  sections: z.array(sectionText).max(20).optional(),
});

const tableSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  note: z.string().nullable(),
});

export const sectionSchema = z.object({
  key: z.string(),
  heading: z.string(),
  text: z.string(),
  figures: z.record(z.string(), z.number()),
  table: tableSchema.nullable(),
});

const bulletinSummaryFields = {
  id: z.number(),
  regionCode: z.string(),
  regionName: z.string(),
  periodKind: z.enum(['month', 'quarter']),
  period: z.string(),
  periodLabel: z.string(),
  title: z.string(),
  issuer: z.string(),
  status: z.enum(['draft', 'issued']),
  createdAt: z.string(),
  issuedOn: z.string().nullable(),
  sentAt: z.string().nullable(),
  version: z.number(),
};

const bulletinSummarySchema = z.object(bulletinSummaryFields);
export const bulletinListSchema = z.object({ items: z.array(bulletinSummarySchema) });
export const bulletinSchema = z.object({ ...bulletinSummaryFields, sections: z.array(sectionSchema) });
export const bulletinSendResult = z.object({ units: z.number(), recipients: z.number() });
