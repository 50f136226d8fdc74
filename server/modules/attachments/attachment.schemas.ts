import { z } from 'zod';
import { rowId } from '../../core/http/row-id.ts';

export const attachmentIdParam = z.strictObject({ id: rowId });

export const attachmentSchema = z.object({
  id: z.number(),
  fileName: z.string(),
  size: z.number(),
  mime: z.string(),
  sm3: z.string().describe('文件内容的 SM3 摘要（十六进制），可用于核验证据未被改动'),
  uploadedBy: z.number(),
  uploadedAt: z.string(),
  owner: z.object({ type: z.string(), id: z.number() }).nullable().describe('所属记录；未使用时为 null'),
});

// The multipart parser leaves the body null (the handler streams the file part itself); this documents
// the form.
export const uploadForm = z
  .strictObject({ file: z.file().describe('一个文件；字段名不限') })
  .describe('multipart/form-data：上传一个文件')
  .nullish();
