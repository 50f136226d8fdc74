// LIKE patterns built from what a person typed. Their `%`, `_` and `\` must match themselves, not "any
// text": a search for `%` should find names holding a percent sign, not every row. Each pattern goes with
// `escape '\'`, which SQLite and PostgreSQL read the same way, so this is not a dialect difference.
import { sql, type RawBuilder } from 'kysely';

/** `text` with the LIKE wildcards and the escape character escaped, to sit inside a pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE pattern ESCAPE '\'`; the caller escapes the literal parts with escapeLike. */
export function likePattern(column: string, pattern: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/** The column holds `text` anywhere, taken literally. */
export function likeContains(column: string, text: string): RawBuilder<boolean> {
  return likePattern(column, `%${escapeLike(text)}%`);
}

/** The column starts with `text`, taken literally. */
export function likeStartsWith(column: string, text: string): RawBuilder<boolean> {
  return likePattern(column, `${escapeLike(text)}%`);
}
