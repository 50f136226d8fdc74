import { z } from 'zod';

// The largest id a row can have: ids are integer columns (PostgreSQL's int4), but for the few tables of
// events and messages, whose ids are bigint there (BIG_ROW_ID). A larger number reaching an int4 column
// makes PostgreSQL refuse the statement (a 500) where SQLite finds nothing, so every id taken from a
// request is bounded here and refused like any other bad input (400 VALIDATION_FAILED).
export const MAX_ROW_ID = 2_147_483_647;
export const BIG_ROW_ID = Number.MAX_SAFE_INTEGER;

/** Whether a number read from a cursor is an id a row can have. */
export const isRowId = (n: number, max = MAX_ROW_ID): boolean => Number.isInteger(n) && n >= 0 && n <= max;

/** An id (or other positive int4 value) in a path or query string. */
export const rowId = z.coerce.number().int().positive().max(MAX_ROW_ID);
