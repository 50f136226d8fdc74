// `npx luoshi contacts reseal [--batch N] [--after ID]`: after SECRET_KEY has been rotated (the old key
// kept in SECRET_KEYS_RETIRED), re-seals and re-indexes every contact under the new key, printing its
// progress after each batch. Done as the system (audited with no person).
import { parseArgs } from 'node:util';
import type { RequestContext } from '../../core/access/actor.ts';
import { writeLine, type CliIo } from '../../core/console-io.ts';
import type { Services } from '../../core/services.ts';
import { RESEAL_BATCH_MAX, resealContacts } from './reseal.service.ts';

export class ContactsUsageError extends Error {}

function whole(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new ContactsUsageError(`${name} takes a whole number up to ${max}`);
  return Number(value);
}

export async function contactsResealCommand(s: Services, ctx: RequestContext, args: string[], io: CliIo) {
  const { values } = parseArgs({
    args,
    options: { batch: { type: 'string' }, after: { type: 'string' } },
  });
  const batchSize = Math.max(1, whole(values.batch, '--batch', 200, RESEAL_BATCH_MAX));
  const afterId = whole(values.after, '--after', 0, Number.MAX_SAFE_INTEGER);
  const result = await resealContacts(s, ctx, {
    batchSize,
    afterId,
    onBatch: (p) =>
      writeLine(
        io.stdout,
        `已检查至编号 ${p.lastId}：检查 ${p.scanned} 人，重新加密 ${p.resealed} 人（中断后可用 --after ${p.lastId} 继续）`,
      ),
  });
  if (result.unreadable.length) {
    await writeLine(
      io.stderr,
      `以下联系人的联系方式无法用现有密钥打开，未改动（请检查 SECRET_KEYS_RETIRED 是否保留了旧密钥）：${result.unreadable.join('、')}`,
    );
    return 1;
  }
  await writeLine(
    io.stdout,
    `完成：共检查 ${result.scanned} 人，重新加密 ${result.resealed} 人；联系方式均已使用当前密钥加密和索引`,
  );
  return 0;
}
