// A query built once with Kysely and then run many times with new values, without building or compiling
// it again: the hot path (every authenticated request) pays for neither. The statement itself is kept
// prepared by the dialect (SQLite's statement cache; a named statement on PostgreSQL).
import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './dialect/dialect.ts';

// Stand-ins for the values, found again among the compiled parameters.
const placeholder = (i: number) => `\u0000luoshi-parameter-${i}\u0000`;

export function preparedQuery<Row>(
  db: Db,
  arity: number,
  build: (...placeholders: string[]) => Compilable<Row>,
): (...args: unknown[]) => Promise<Row[]> {
  const marks = Array.from({ length: arity }, (_, i) => placeholder(i));
  const compiled: CompiledQuery<Row> = build(...marks).compile();
  const slots = compiled.parameters.map((p) => marks.indexOf(p as string));
  if (marks.some((_, i) => !slots.includes(i))) throw new Error('a prepared query does not use every value');
  db.keepPrepared(compiled.sql);
  return async (...args) => {
    const parameters = slots.map((slot, i) => (slot >= 0 ? args[slot] : compiled.parameters[i]));
    const result = await db.kysely.executeQuery<Row>({ ...compiled, parameters });
    return result.rows;
  };
}
