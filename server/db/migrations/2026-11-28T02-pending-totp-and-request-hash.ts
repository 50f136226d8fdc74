import type { Kysely } from 'kysely';

// A TOTP secret being enrolled waits in its own column until a code confirms it, so abandoning an
// enrolment never switches off the second factor already in use. Idempotency keys remember a hash of the
// request body, so a reused key with a different body is refused rather than replayed.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
type AnyDb = Kysely<any>; // any: a migration runs against a past schema, not today's types

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').execute();
  await db.schema.alterTable('idempotency_keys').addColumn('request_hash', 'varchar(64)').execute();
}
