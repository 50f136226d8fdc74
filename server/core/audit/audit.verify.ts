import type { Kysely } from 'kysely';
import type { AuditRow, Database } from '../../db/schema.ts';
import { GENESIS_HASH, chainHash, chainMac } from './audit.chain.ts';
import { type Checkpoint, missingTail, readCheckpoints } from './audit.checkpoints.ts';
import type { AuditKeyring } from './audit.keys.ts';
import { listAuditRowsAfter } from './audit.repository.ts';

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  brokenAt: { id: number; reason: string } | null;
  // The latest checkpoint the rows were held against; null when none was found (then a cut-off tail
  // cannot be told from a short log, and the verdict says so in `warning`).
  checkpoint: { id: number; at: string } | null;
  warning: string | null;
}

// Checks every row against the previous one and the key that sealed it, then the end of the chain against
// the latest checkpoint. Stops at the first problem and names it.
export async function verifyAuditChain(
  db: Kysely<Database>,
  keys: AuditKeyring,
  checkpointFile: string,
): Promise<ChainVerdict> {
  const { latest, problems } = readCheckpoints(checkpointFile, keys);
  const checkpoint = latest ? { id: latest.id, at: latest.at } : null;
  let prev = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  let keyed = false;
  const fail = (id: number, reason: string): ChainVerdict => ({
    ok: false,
    checked,
    brokenAt: { id, reason },
    checkpoint,
    warning: null,
  });
  for (;;) {
    const page = await listAuditRowsAfter(db, expectedId - 1, 1000);
    for (const row of page) {
      if (row.id !== expectedId) return fail(expectedId, `第 ${expectedId} 行缺失`);
      if (row.prev_hash !== prev) return fail(row.id, '前一条哈希不匹配');
      const problem = checkRow(row, prev, keys, keyed, latest);
      if (problem) return fail(row.id, problem);
      if (latest && row.id === latest.id && row.hash !== latest.hash) {
        return fail(row.id, `与检查点（${latest.at}）记录的哈希不符`);
      }
      keyed ||= row.key_id !== null;
      prev = row.hash;
      expectedId++;
      checked++;
    }
    if (page.length < 1000) break;
  }
  const last = expectedId - 1;
  if (latest && last < latest.id) return fail(last + 1, missingTail(latest.id, last));
  if (problems.length) return fail(last, `检查点文件有问题：${problems.join('；')}`);
  return {
    ok: true,
    checked,
    brokenAt: null,
    checkpoint,
    warning: latest ? null : '未找到审计检查点，无法确认末尾的记录是否被删除',
  };
}

// Why a row does not verify, or null when it does.
function checkRow(
  row: AuditRow,
  prev: string,
  keys: AuditKeyring,
  keyedSeen: boolean,
  latest: Checkpoint | null,
): string | null {
  if (row.key_id === null) {
    // Plain SM3 rows come only from before keyed chaining, all at the start of the log.
    if (keyedSeen) return '无密钥（旧格式）的记录出现在带密钥的记录之后（疑似改写）';
    if (latest && row.id > latest.legacyUntil) {
      return `无密钥（旧格式）的记录，但检查点记录旧格式只到第 ${latest.legacyUntil} 行（疑似改写）`;
    }
    return chainHash(prev, row) === row.hash ? null : '记录内容与哈希不符（已被篡改）';
  }
  const key = keys.get(row.key_id);
  if (!key) return `封存本行的密钥 ${row.key_id} 不可用（轮换后请在 SECRET_KEYS_RETIRED 中保留旧密钥）`;
  return chainMac(key.key, key.id, prev, row) === row.hash ? null : '记录内容与哈希不符（已被篡改）';
}
