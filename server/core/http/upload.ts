// Reading one uploaded file from a multipart request. The multipart reader (busboy) reports a body that
// is not well-formed multipart (no boundary, a truncated or foreign body) with plain errors carrying no
// status; they are the client's fault, so they answer 400 rather than 500. Limit errors (413) keep theirs.
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError, appError } from '../errors.ts';

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

export interface UploadStream {
  filename: string;
  stream: Readable;
  /** What went wrong with the request body itself (malformed multipart), as the client's error. */
  bodyError(error: unknown): Error | null;
}

/**
 * The one file of a multipart request as a stream (for files that must never be held in memory), or
 * null when the form has none. The multipart reader's own size limit is set one byte past `maxBytes`, so
 * the caller's counter sees the excess and answers with its own message.
 */
export async function openUploadedFile(req: FastifyRequest, maxBytes: number): Promise<UploadStream | null> {
  let file;
  try {
    file = await req.file({ limits: { fileSize: maxBytes + 1, files: 1, fields: 5 } });
  } catch (error) {
    throw asBodyError(error);
  }
  if (!file) return null;
  let streamError: unknown;
  file.file.once('error', (error: unknown) => {
    streamError = error;
  });
  // The caller stopped reading the file before its end (past the size limit, or on an error): stop
  // reading the request at once, rather than when the error has made its way back to the route.
  file.file.once('close', () => {
    if (!file.file.readableEnded && !req.raw.readableEnded) {
      req.raw.unpipe();
      req.raw.pause();
    }
  });
  return {
    filename: file.filename,
    stream: file.file,
    // The file stream failed (the multipart reader reports a malformed or cut-off body on it, possibly
    // before this function returned, when the whole body had already arrived), and what reached the
    // caller is neither our own answer nor a system error (disk full, permissions).
    bodyError: (error) =>
      (streamError !== undefined || file.file.errored) &&
      !(error instanceof AppError) &&
      !isSystemError(error)
        ? asBodyError(error)
        : null,
  };
}

function isSystemError(error: unknown): boolean {
  return typeof (error as { syscall?: unknown } | null)?.syscall === 'string';
}

// Limit errors (413 and the like) keep their status; anything else the multipart reader raises is a
// body that is not well-formed.
function asBodyError(error: unknown): Error {
  if (error instanceof AppError) return error;
  if (error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode === 'number') {
    return error;
  }
  return appError('BAD_REQUEST', '上传内容不是有效的 multipart/form-data 表单，请重新选择文件上传', {
    problem: 'MALFORMED_MULTIPART',
  });
}
