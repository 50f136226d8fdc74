// Reading one uploaded file from a multipart request. The multipart reader (busboy) reports a body that
// is not well-formed multipart (no boundary, a truncated or foreign body) with plain errors carrying no
// status; they are the client's fault, so they answer 400 rather than 500. Limit errors (413) keep theirs.
import type { FastifyRequest } from 'fastify';
import { appError } from '../errors.ts';

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

/** The one file of a multipart request, or null when the form has none. */
export async function readUploadedFile(req: FastifyRequest): Promise<UploadedFile | null> {
  try {
    const file = await req.file();
    if (!file) return null;
    return { filename: file.filename, bytes: await file.toBuffer() };
  } catch (error) {
    if (typeof (error as { statusCode?: unknown }).statusCode === 'number') throw error;
    throw appError('BAD_REQUEST', '上传内容不是有效的 multipart/form-data 表单，请重新选择文件上传', {
      problem: 'MALFORMED_MULTIPART',
    });
  }
}
