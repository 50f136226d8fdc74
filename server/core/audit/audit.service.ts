import type { Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { RequestContext } from '../access/actor.ts';
import type { Clock } from '../clock.ts';
import { toTimestamp } from '../clock.ts';
import type { AuditAction } from './audit.catalogue.ts';
import { GENESIS_HASH, chainMac, redact } from './audit.chain.ts';
import type { AuditKeyring } from './audit.keys.ts';
import { findLastAuditHash, insertAuditRow } from './audit.repository.ts';

export interface AuditEvent {
  action: AuditAction; // <resource>.<verb>, e.g. user.create, auth.login; named in audit.catalogue.ts
  outcome?: 'success' | 'failure' | 'denied';
  objectType?: string;
  objectId?: string | number;
  before?: unknown;
  after?: unknown;
  note?: Record<string, unknown>;
  // For events without a signed-in actor (a failed login names the username tried).
  actorName?: string;
}

export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly keys: AuditKeyring,
  ) {}

  // Appends one event inside the caller's transaction: if the change rolls back, so does its record, and
  // if the record cannot be written, the change fails.
  async record(trx: Transaction<Database>, ctx: RequestContext, event: AuditEvent): Promise<void> {
    await this.db.dialect.lockAuditChain(trx);
    const last = await findLastAuditHash(trx);
    const detail = buildDetail(event);
    const row = {
      at: toTimestamp(this.clock.now()),
      actor_id: ctx.actor?.userId ?? null,
      actor_name: event.actorName ?? ctx.actor?.username ?? null,
      action: event.action,
      object_type: event.objectType ?? null,
      object_id: event.objectId === undefined ? null : String(event.objectId),
      outcome: event.outcome ?? 'success',
      ip: ctx.ip,
      request_id: ctx.requestId,
      detail,
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    // Ids are assigned here, under the chain lock, rather than by a sequence: a rolled-back transaction
    // would leave a gap in a sequence, and the verifier treats a gap as a deleted row.
    const id = (last?.id ?? 0) + 1;
    const { id: keyId, key } = this.keys.current;
    const hash = chainMac(key, keyId, row.prev_hash, { id, ...row });
    await insertAuditRow(trx, { id, ...row, key_id: keyId, hash });
  }

  // Records an event in a transaction of its own (logins, denials: nothing else changes).
  async recordAlone(ctx: RequestContext, event: AuditEvent): Promise<void> {
    await this.db.kysely.transaction().execute((trx) => this.record(trx, ctx, event));
  }
}

function buildDetail(event: AuditEvent): string | null {
  const detail: Record<string, unknown> = {};
  if (event.before !== undefined) detail.before = redact(event.before);
  if (event.after !== undefined) detail.after = redact(event.after);
  if (event.note !== undefined) detail.note = redact(event.note);
  return Object.keys(detail).length ? JSON.stringify(detail) : null;
}
