import { sm3Hex } from '../crypto.ts';
import { hmacSm3Hex } from './audit.keys.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainFields {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  ip: string | null;
  request_id: string | null;
  detail: string | null;
}

// The canonical form is a JSON array in fixed field order, so the hash does not depend on how a driver
// orders columns. The row id is included: deleting or reordering rows breaks the chain.
function canonicalForm(row: ChainFields): string {
  return JSON.stringify([
    row.id,
    row.at,
    row.actor_id,
    row.actor_name,
    row.action,
    row.object_type,
    row.object_id,
    row.outcome,
    row.ip,
    row.request_id,
    row.detail,
  ]);
}

// The original, unkeyed link: still how rows written before keyed chaining verify (key_id null).
export function chainHash(prevHash: string, row: ChainFields): string {
  return sm3Hex(`${prevHash}\n${canonicalForm(row)}`);
}

// The keyed link: HMAC-SM3 under the audit key, over the key id and the same canonical form. The key id
// is sealed too, so a row cannot be passed off as sealed by another key.
export function chainMac(key: Buffer, keyId: string, prevHash: string, row: ChainFields): string {
  return hmacSm3Hex(key, `${prevHash}\n${keyId}\n${canonicalForm(row)}`);
}

const SECRET_KEYS = /password|secret|token|seed|hash|cookie|authorization/i;

// Before/after snapshots never carry credentials, whatever the caller passes in. Only text values are
// hidden: flags such as mustChangePassword are facts an auditor needs, not secrets.
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEYS.test(k) && (typeof v === 'string' || (v !== null && typeof v === 'object'))
          ? '[已隐去]'
          : redact(v),
      ]),
    );
  }
  return value;
}
