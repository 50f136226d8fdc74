import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Clock, toTimestamp } from '../clock.ts';
import { safeEqual } from '../crypto.ts';
import { GENESIS_HASH } from './audit.chain.ts';
import { type AuditKeyring, hmacSm3Hex } from './audit.keys.ts';
import { findAuditHashAt, findLastAuditHash, findLastLegacyAuditId } from './audit.repository.ts';

// A checkpoint records the head of the audit chain (its last row id and hash), sealed with the audit key,
// outside the audit table: in an append-only file under the data folder and in the server log, so an
// auditor can keep copies elsewhere. Deleting the last rows, or all of them, then no longer verifies:
// the latest checkpoint names a row the database no longer has.

export interface Checkpoint {
  at: string;
  // The head of the chain when the checkpoint was taken (0 and the genesis hash for an empty log).
  id: number;
  hash: string;
  // The last row sealed with plain SM3 before keyed chaining began (0 when there were none): a plain row
  // after it is a rewrite.
  legacyUntil: number;
  keyId: string;
  sig: string;
}

const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

export function checkpointFile(dataDir: string): string {
  return path.join(dataDir, CHECKPOINT_FILE);
}

function signature(key: Buffer, c: Omit<Checkpoint, 'sig'>): string {
  return hmacSm3Hex(
    key,
    JSON.stringify(['luoshi audit checkpoint v1', c.at, c.id, c.hash, c.legacyUntil, c.keyId]),
  );
}

export interface CheckpointReading {
  latest: Checkpoint | null;
  // Lines after the latest valid checkpoint that do not verify (a forged or damaged entry).
  problems: string[];
}

// Only the end of the file is read: it grows by one line per interval, and only the latest entry counts.
const TAIL_BYTES = 64 * 1024;

export function readCheckpoints(file: string, keys: AuditKeyring): CheckpointReading {
  let text: string;
  let truncated = false;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const start = Math.max(0, size - TAIL_BYTES);
      truncated = start > 0;
      const buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      text = buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { latest: null, problems: [] };
    throw error;
  }
  const lines = text.split('\n');
  if (truncated) lines.shift(); // the first line read may be cut in the middle
  const problems: string[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const checkpoint = parseCheckpoint(line, keys);
    if (typeof checkpoint !== 'string') return { latest: checkpoint, problems: problems.reverse() };
    problems.push(checkpoint);
  }
  return { latest: null, problems: problems.reverse() };
}

// A verified checkpoint, or why the line is not one.
function parseCheckpoint(line: string, keys: AuditKeyring): Checkpoint | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return '检查点文件中有一行不是有效的 JSON';
  }
  const c = value as Partial<Checkpoint>;
  if (
    typeof c.at !== 'string' ||
    typeof c.id !== 'number' ||
    typeof c.hash !== 'string' ||
    typeof c.legacyUntil !== 'number' ||
    typeof c.keyId !== 'string' ||
    typeof c.sig !== 'string'
  ) {
    return '检查点文件中有一行缺少字段';
  }
  const key = keys.get(c.keyId);
  if (!key) return `检查点（第 ${c.id} 行）使用的密钥 ${c.keyId} 不可用`;
  const checkpoint: Checkpoint = {
    at: c.at,
    id: c.id,
    hash: c.hash,
    legacyUntil: c.legacyUntil,
    keyId: c.keyId,
    sig: c.sig,
  };
  if (!safeEqual(signature(key.key, checkpoint), c.sig)) return `检查点（第 ${c.id} 行）签名无效`;
  return checkpoint;
}

export type CheckpointOutcome =
  | { kind: 'written'; checkpoint: Checkpoint }
  | { kind: 'unchanged'; checkpoint: Checkpoint }
  | { kind: 'refused'; reason: string };

// Takes a checkpoint of the current head, unless nothing was appended since the last one. A head that
// does not extend the last checkpoint (rows missing or changed since it) is refused rather than recorded,
// so a checkpoint never blesses a cut-off chain.
export async function takeCheckpoint(
  db: Kysely<Database>,
  keys: AuditKeyring,
  file: string,
  clock: Clock,
  // Makes the head durable before the line vouches for it (Db.durable): a line naming rows a power cut
  // then took would read as a deleted tail.
  durable: () => Promise<void>,
): Promise<CheckpointOutcome> {
  const { latest: previous } = readCheckpoints(file, keys);
  const head = (await findLastAuditHash(db)) ?? { id: 0, hash: GENESIS_HASH };
  if (previous) {
    if (head.id === previous.id && head.hash === previous.hash)
      return { kind: 'unchanged', checkpoint: previous };
    if (head.id < previous.id) {
      return { kind: 'refused', reason: missingTail(previous.id, head.id) };
    }
    const atPrevious = previous.id === 0 ? GENESIS_HASH : await findAuditHashAt(db, previous.id);
    if (atPrevious !== previous.hash) {
      return { kind: 'refused', reason: `第 ${previous.id} 行与上一个检查点记录的哈希不符` };
    }
  }
  const key = keys.current;
  const fields = {
    at: toTimestamp(clock.now()),
    id: head.id,
    hash: head.hash,
    legacyUntil: previous?.legacyUntil ?? (await findLastLegacyAuditId(db)),
    keyId: key.id,
  };
  const checkpoint: Checkpoint = { ...fields, sig: signature(key.key, fields) };
  await durable();
  appendLine(file, JSON.stringify(checkpoint));
  return { kind: 'written', checkpoint };
}

export function missingTail(recorded: number, present: number): string {
  return `检查点记录到第 ${recorded} 行，数据库只到第 ${present} 行：末尾 ${recorded - present} 行缺失`;
}

function appendLine(file: string, line: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${line}\n`);
    fs.fsyncSync(fd); // a checkpoint exists to survive a crash; it is on disk before it is reported
  } finally {
    fs.closeSync(fd);
  }
}
