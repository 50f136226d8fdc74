import crypto from 'node:crypto';
import { sm3Hex } from '../crypto.ts';

// The audit chain is sealed with HMAC-SM3 under a key derived from the secret key material (SECRET_KEY,
// or data/secret.key outside production), which never enters the database: someone who can write the
// database file can no longer recompute the chain after changing a row. The derived key, not SECRET_KEY
// itself, seals the chain, so the same secret never serves two purposes.

export interface AuditKey {
  // Stored on every row and checkpoint; a fingerprint of the key, from which the key cannot be found.
  id: string;
  key: Buffer;
}

function deriveAuditKey(secretKey: Buffer): AuditKey {
  const key = crypto.createHmac('sm3', secretKey).update('luoshi audit chain key v1').digest();
  return {
    id: `k${sm3Hex(Buffer.concat([Buffer.from('luoshi audit key id v1\n'), key])).slice(0, 16)}`,
    key,
  };
}

// The current key seals new rows and checkpoints; retired keys (SECRET_KEYS_RETIRED, after a rotation)
// only verify the rows and checkpoints they sealed.
export class AuditKeyring {
  readonly current: AuditKey;
  private readonly byId = new Map<string, AuditKey>();

  constructor(secretKey: Buffer, retired: readonly Buffer[] = []) {
    this.current = deriveAuditKey(secretKey);
    for (const k of [this.current, ...retired.map(deriveAuditKey)]) this.byId.set(k.id, k);
  }

  get(id: string): AuditKey | undefined {
    return this.byId.get(id);
  }
}

export function hmacSm3Hex(key: Buffer, data: string): string {
  return crypto.createHmac('sm3', key).update(data).digest('hex');
}
