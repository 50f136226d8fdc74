// A query built once with Kysely and then run many times with new values, without building or compiling
// it again: the hot path (every authenticated request) pays for neither. The statement itself is kept
// prepared by the dialect (SQLite's statement cache; a named statement on PostgreSQL).
import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './dialect/dialect.ts';

// Stand-ins for the values, found again among the compiled parameters.
const PREFIX = '\u0000luoshi-parameter-';
const placeholder = (i: number) => `${PREFIX}${i}\u0000`;

// The compiled query's parameters as positions in the caller's values (-1: a constant of the query).
function slotsOf(compiled: CompiledQuery, marks: readonly string[]): number[] {
  return compiled.parameters.map((p) => {
    const slot = marks.indexOf(p as string);
    // A stand-in changed by the builder (`${value}/%`) would be sent as the changed stand-in, not the value.
    if (slot < 0 && typeof p === 'string' && p.includes(PREFIX))
      throw new Error('a prepared query must use its values as they are, not build new ones from them');
    return slot;
  });
}

function runner<Row>(db: Db, compiled: CompiledQuery<Row>, slots: readonly number[]) {
  db.keepPrepared(compiled.sql);
  return async (args: readonly unknown[]): Promise<Row[]> => {
    const parameters = slots.map((slot, i) => (slot >= 0 ? args[slot] : compiled.parameters[i]));
    const result = await db.kysely.executeQuery<Row>({ ...compiled, parameters });
    return result.rows;
  };
}

export function preparedQuery<Row>(
  db: Db,
  arity: number,
  build: (...placeholders: string[]) => Compilable<Row>,
): (...args: unknown[]) => Promise<Row[]> {
  const marks = Array.from({ length: arity }, (_, i) => placeholder(i));
  const compiled: CompiledQuery<Row> = build(...marks).compile();
  const slots = slotsOf(compiled, marks);
  if (marks.some((_, i) => !slots.includes(i))) throw new Error('a prepared query does not use every value');
  const run = runner(db, compiled, slots);
  return (...args) => run(args);
}

// The filter with each value replaced by its stand-in; the values collected in order. Empty strings, zero,
// booleans, null and undefined are kept: code tests them (`if (f.status)`), so they shape the query.
function standIns(value: unknown, values: unknown[]): unknown {
  if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && value !== 0)) {
    values.push(value);
    return placeholder(values.length - 1);
  }
  if (Array.isArray(value)) return value.map((v) => standIns(v, values));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = standIns(v, values);
    return out;
  }
  return value;
}

// Enough for every combination of a list's filters; past it the least recently used shape is dropped.
const MAX_SHAPES = 256;

/**
 * A query whose shape depends on which filters are set (a list with optional filters, a visibility rule
 * with a varying number of regions): built and compiled once per shape, then run with new values. The
 * builder is given the filter with every non-empty string and non-zero number replaced by a stand-in, so
 * what it builds can depend only on the shape (which fields are present, array lengths, booleans, nulls),
 * never on a value; it must pass values through unchanged (checked when a shape is compiled).
 */
export function preparedByShape<F extends object, Row>(
  db: Db,
  build: (filter: F) => Compilable<Row>,
): (filter: F) => Promise<Row[]> {
  const shapes = new Map<string, (args: readonly unknown[]) => Promise<Row[]>>();
  return async (filter) => {
    const values: unknown[] = [];
    const shaped = standIns(filter, values) as F;
    const key = JSON.stringify(shaped);
    let run = shapes.get(key);
    if (run) {
      shapes.delete(key);
    } else {
      const compiled = build(shaped).compile();
      run = runner(
        db,
        compiled,
        slotsOf(
          compiled,
          values.map((_, i) => placeholder(i)),
        ),
      );
      if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value!);
    }
    shapes.set(key, run);
    return run(values);
  };
}
