import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import type { AuditKeyring } from './audit/audit.keys.ts';
import type { AuditLog } from './audit/audit.service.ts';
import type { Clock } from './clock.ts';
import type { SecretBox } from './crypto.ts';
import type { FileStore } from './files/file-store.ts';
import type { LiveInbox } from './notify/live.ts';
import type { Notify } from './notify/notify.ts';
import type { PersonalDataBox } from './personal-data.ts';
import type { Signer } from './signing.ts';

// What every module's service receives: passed explicitly, never looked up from a global.
export interface Services {
  config: Config;
  db: Db;
  clock: Clock;
  audit: AuditLog;
  // Seals the audit chain and its checkpoints; derived from the secret key, never stored in the database.
  auditKeys: AuditKeyring;
  secrets: SecretBox;
  // Contacts' phone numbers and e-mail addresses: sealed and blind-indexed under keys derived from the
  // secret key (core/personal-data.ts).
  personalData: PersonalDataBox;
  // Evidence files, addressed by their SM3 hash (core/files).
  files: FileStore;
  // Tells people about a change, in the change's transaction (core/notify/notify.ts).
  notify: Notify;
  // Wakes the open live streams of a message's recipients, on any app process (core/notify/live.ts).
  live: LiveInbox;
  // Short-lived signed tokens (a training session's QR code), keyed from the secret key (core/signing.ts).
  signer: Signer;
}
