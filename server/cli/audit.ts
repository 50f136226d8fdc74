// `luoshi audit verify`: the audit hash chain checked on the console (exit 0 when intact), against the
// last checkpoint written to the data folder.
import type { Config } from '../config.ts';
import { checkpointFile } from '../core/audit/audit.checkpoints.ts';
import { verifyAuditChain } from '../core/audit/audit.verify.ts';
import { writeLine, type CliIo } from '../core/console-io.ts';
import { withServices } from './command.ts';

export function auditVerify(config: Config, io: CliIo): Promise<number> {
  return withServices(config, async (s, db) => {
    const file = checkpointFile(config.dataDir);
    const verdict = await verifyAuditChain(db.kysely, s.auditKeys, file);
    const against = verdict.checkpoint
      ? `检查点 / checkpoint: row ${verdict.checkpoint.id} at ${verdict.checkpoint.at} (${file})`
      : `未找到检查点 / no checkpoint in ${file}`;
    if (verdict.ok) {
      await writeLine(
        io.stdout,
        `审计链完整 / audit chain intact: ${verdict.checked} rows checked\n${against}`,
      );
      if (verdict.warning) await writeLine(io.stderr, `注意 / warning: ${verdict.warning}`);
      return 0;
    }
    await writeLine(
      io.stderr,
      `审计链断裂 / audit chain broken at row ${verdict.brokenAt?.id}: ${verdict.brokenAt?.reason} (${verdict.checked} rows intact before it)\n${against}`,
    );
    return 1;
  });
}
