import type SQLite from 'better-sqlite3';
import type { SqliteStatement } from 'kysely';

// better-sqlite3 builds each row object in C++, one property at a time, and the objects come out in V8's
// dictionary mode: slow to build, and slow for everything that reads them afterwards (the services, the
// response schema, JSON.stringify). Asked for arrays (raw mode), it only converts the values; a function
// compiled once per result shape then makes each row an object literal, which V8 builds from a template
// as an ordinary fast object. The task list's page query (20 rows of 23 columns) went from about 210 to
// 125 µs, and the rows are cheaper to read after (docs/decisions/sqlite-row-objects.md).

/** A statement as Kysely runs it, with what the statement cache needs to know about it. */
export interface RowStatement extends SqliteStatement {
  readonly busy: boolean;
  readonly readonly: boolean;
}

type Builder = (values: unknown[]) => unknown;

// An object literal's "__proto__" key would set the prototype rather than a property: a result with such a
// column keeps better-sqlite3's own objects.
const UNSAFE_NAME = '__proto__';

function compile(names: readonly string[]): Builder {
  const properties = names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ');
  // The names are the statement's own result columns (from SQL written in this code base), and each is
  // quoted as a string literal, so nothing from a request reaches the source.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('v', `return { ${properties} };`) as Builder;
}

/**
 * Wraps a prepared statement so that a reading statement answers rows as fast objects. `schemaEpoch` moves
 * when this process changes the schema (the statement is then recompiled by SQLite and its columns may be
 * other ones); a row whose length differs from the known columns (another process added or dropped a
 * column under a prepared statement) also makes the names be read again.
 */
export function objectRows(stmt: SQLite.Statement, schemaEpoch: () => number): RowStatement {
  if (!stmt.reader || stmt.columns().some((c) => c.name === UNSAFE_NAME)) return stmt;
  stmt.raw(true);
  let epoch = -1;
  let width = -1;
  let build: Builder = () => undefined;
  const toObjects = (rows: unknown[][]) => {
    if (rows.length === 0) return rows;
    if (epoch !== schemaEpoch() || rows[0]!.length !== width) {
      const names = stmt.columns().map((c) => c.name);
      epoch = schemaEpoch();
      width = names.length;
      build = compile(names);
    }
    const out = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = build(rows[i]!);
    return out;
  };
  return {
    reader: true,
    get readonly() {
      return stmt.readonly;
    },
    get busy() {
      return stmt.busy;
    },
    all: (parameters) => toObjects(stmt.all(parameters) as unknown[][]),
    run: (parameters) => stmt.run(parameters),
    *iterate(parameters) {
      for (const values of stmt.iterate(parameters) as IterableIterator<unknown[]>)
        yield toObjects([values])[0];
    },
  };
}
