import crypto from 'node:crypto';
import { SecretBox } from './crypto.ts';

// Personal data at rest (a contact's phone number and e-mail address, docs/decisions/contacts-encryption.md):
// sealed with SM4-CBC + HMAC-SM3 (SecretBox) under a key derived from the secret key material
// (SECRET_KEY, or data/secret.key outside production), which never enters the database. A second
// derived key makes the blind index: an HMAC-SM3 of the normalised value, so a number can be looked up
// and duplicates found without the database holding anything a reader of the file could turn back into
// the number. Derived keys, not SECRET_KEY itself, so one secret never serves two purposes.

const SEAL_LABEL = 'luoshi personal data key v1';
const INDEX_LABEL = 'luoshi personal data blind index key v1';

function derive(secretKey: Buffer, label: string): Buffer {
  return crypto.createHmac('sm3', secretKey).update(label).digest();
}

export class PersonalDataBox {
  private readonly current: SecretBox;
  // After a rotation (SECRET_KEYS_RETIRED) values sealed under an earlier key still open; new ones are
  // sealed under the current key only.
  private readonly retired: SecretBox[];
  private readonly indexKey: Buffer;
  // Blind indexes written before a rotation are computed under a retired key; look-ups also try those
  // until `npx luoshi contacts reseal` has rewritten every row (docs/decisions/contacts-key-rotation.md).
  private readonly retiredIndexKeys: Buffer[];

  constructor(secretKey: Buffer, retired: readonly Buffer[] = []) {
    this.current = new SecretBox(derive(secretKey, SEAL_LABEL));
    this.retired = retired.map((k) => new SecretBox(derive(k, SEAL_LABEL)));
    this.indexKey = derive(secretKey, INDEX_LABEL);
    this.retiredIndexKeys = retired.map((k) => derive(k, INDEX_LABEL));
  }

  seal(plain: string): string {
    return this.current.seal(plain);
  }

  /** The plain value; throws when no known key opens it or its integrity tag does not match. */
  open(sealed: string): string {
    return this.openTelling(sealed).plain;
  }

  /** The plain value and whether the current key opened it (false: sealed before a rotation). */
  openTelling(sealed: string): { plain: string; current: boolean } {
    for (const [i, box] of [this.current, ...this.retired].entries()) {
      try {
        return { plain: box.open(sealed), current: i === 0 };
      } catch {
        // the next key, if any
      }
    }
    throw new Error('personal data could not be opened: unknown key or tampered value');
  }

  /** HMAC-SM3 of a normalised value, per kind ('phone', 'email'), as hex: equal values, equal index. */
  blindIndex(kind: string, normalised: string): string {
    return indexUnder(this.indexKey, kind, normalised);
  }

  /** The value's index under the current key, then under each retired key: what a look-up matches. */
  blindIndexes(kind: string, normalised: string): string[] {
    return [this.indexKey, ...this.retiredIndexKeys].map((k) => indexUnder(k, kind, normalised));
  }
}

function indexUnder(key: Buffer, kind: string, normalised: string): string {
  return crypto.createHmac('sm3', key).update(`${kind}\u0000${normalised}`).digest('hex');
}
