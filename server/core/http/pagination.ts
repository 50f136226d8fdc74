import { z } from 'zod';
import { appError } from '../errors.ts';
import { isRowId, MAX_ROW_ID } from './row-id.ts';

// Keyset pagination: the cursor is the sort key of the last item returned, opaque to clients.
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends string | number>(
  cursor: string | undefined,
  kind: 'string' | 'number',
  // A number cursor is the last row's id (or number) as the list wrote it: at most this.
  maxId = MAX_ROW_ID,
): T | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === kind && (typeof value !== 'number' || isRowId(value, maxId))) return value as T;
  } catch {
    // fall through to the error below
  }
  throw appError('VALIDATION_FAILED', '分页游标无效');
}

// Fetch limit + 1 rows; the extra one tells whether another page exists.
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => string | number,
  map: (row: R) => T,
) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
