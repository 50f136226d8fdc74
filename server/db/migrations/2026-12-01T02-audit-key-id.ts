import type { Kysely } from 'kysely';

// The audit chain becomes keyed (HMAC-SM3, see core/audit/audit.keys.ts). Each row names the key that
// sealed it, so the key can rotate and older rows still verify with theirs. Rows written before this
// migration keep a null key id and their plain SM3 hash: the log is append-only, so they are never
// re-chained (docs/decisions/audit-chain-cutover.md).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('key_id', 'varchar(32)').execute();
}
