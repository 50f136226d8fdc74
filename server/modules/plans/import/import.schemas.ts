// Import (导入): the preview request and answer, and the keyword → unit map.
import { z } from 'zod';

const previewJsonBody = z
  .strictObject({ text: z.string().min(1).max(1_000_000) })
  .describe('application/json：粘贴的全文');
// The multipart parser leaves the body null (the handler reads the file part itself), so at run time
// the upload form is the undefined branch; this object documents it, and a JSON body never matches it
// (a JSON value is never a File).
const previewUploadForm = z
  .strictObject({
    file: z.file().describe('.txt（UTF-8/GB18030）或 .docx 文件，≤10 MB；字段名不限'),
  })
  .describe('multipart/form-data：上传一个文件');
export const previewBody = z.union([previewJsonBody, previewUploadForm]).nullish();

interface OutlineNodeOut {
  number: string | null;
  heading: string;
  body: string;
  lead: string[];
  cooperating: string[];
  brandActivities: string[];
  proposedTasks: Array<{ text: string; suggestedLead: string | null }>;
  children: OutlineNodeOut[];
}
const outlineNodeOut: z.ZodType<OutlineNodeOut> = z
  .object({
    number: z.string().nullable(),
    heading: z.string(),
    body: z.string(),
    lead: z.array(z.string()),
    cooperating: z.array(z.string()),
    brandActivities: z.array(z.string()),
    proposedTasks: z.array(z.object({ text: z.string(), suggestedLead: z.string().nullable() })),
    get children() {
      return z.array(outlineNodeOut);
    },
  })
  .meta({ id: 'ParsedOutlineNode' });
const outlineOutSchema = z
  .object({
    title: z.string(),
    year: z.number().int().nullable(),
    preamble: z.string(),
    closing: z.string(),
    nodes: z.array(outlineNodeOut),
    brandActivities: z.array(z.string()),
    removed: z.array(z.string()),
    warnings: z.array(z.object({ message: z.string(), offset: z.number().int() })),
  })
  .meta({ id: 'ParsedOutline' });

export const previewSchema = z
  .object({
    text: z.string().describe('解码后的原文；warnings 的 offset 指向此文本'),
    outline: outlineOutSchema.describe('解析结果，可编辑后作为 POST /api/plans 的 outline'),
  })
  .meta({ id: 'PlanPreview' });

export const unitKeywordsSchema = z
  .object({
    regionCode: z.string(),
    regionName: z.string(),
    source: z
      .object({ code: z.string(), name: z.string() })
      .nullable()
      .describe('生效的对照表来自哪个地区（本地区或最近的上级）；null 为内置表'),
    keywords: z.array(z.object({ keyword: z.string(), unit: z.string() })),
    version: z.number().int().describe('本地区自己的对照表的版本号；未设置时为 0'),
  })
  .meta({ id: 'UnitKeywords' });
export const unitKeywordsQuery = z.strictObject({
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为 6 位数字（GB/T 2260）')
    .optional()
    .describe('默认为本人所在地区'),
});
export const unitKeywordsBody = z.strictObject({
  keywords: z
    .array(
      z.strictObject({ keyword: z.string().trim().min(1).max(40), unit: z.string().trim().min(1).max(100) }),
    )
    .max(1000),
});
