import type { FastifyReply, FastifyRequest } from 'fastify';
import { appError } from '../errors.ts';

// Optimistic concurrency: records carry a version, responses an ETag, updates an If-Match.
function etagOf(version: number): string {
  return `"${version}"`;
}

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagOf(version));
}

// Sends a record with its version as the ETag.
export function withEtag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  setEtag(reply, record.version);
  return record;
}

export function requireIfMatch(req: FastifyRequest): number {
  const header = req.headers['if-match'];
  if (!header) throw appError('VERSION_REQUIRED');
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(String(header).trim());
  if (!m?.[1]) throw appError('VERSION_REQUIRED', 'If-Match 的格式应为 "版本号"');
  return Number(m[1]);
}
