import type { Services } from '../services.ts';
import { checkpointFile, takeCheckpoint } from './audit.checkpoints.ts';

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface Checkpointer {
  // Records a checkpoint now (one at a time: a tick and a shutdown never write concurrently).
  checkpoint(): Promise<void>;
  // Stops the timer and records a last checkpoint.
  stop(): Promise<void>;
}

// The server's clock-driven checkpoint of the audit chain head: every interval and on shutdown (the app
// also takes one when it is ready). Each checkpoint goes to the file under the data folder and to the server log. There is no
// scheduler in the app yet; this timer is the whole of it, and it does not keep the process alive.
export function startAuditCheckpoints(s: Services, log: Log): Checkpointer {
  const file = checkpointFile(s.config.dataDir);
  let running: Promise<void> = Promise.resolve();
  const checkpoint = () => {
    running = running.then(async () => {
      try {
        const outcome = await takeCheckpoint(s.db.kysely, s.auditKeys, file, s.clock, () => s.db.durable());
        if (outcome.kind === 'written') log.info({ auditCheckpoint: outcome.checkpoint, file }, '审计检查点');
        if (outcome.kind === 'refused')
          log.error({ file, reason: outcome.reason }, `审计检查点未记录：${outcome.reason}`);
      } catch (err) {
        log.error({ err, file }, '审计检查点写入失败');
      }
    });
    return running;
  };
  const timer = setInterval(() => void checkpoint(), s.config.auditCheckpointSeconds * 1000);
  timer.unref();
  return {
    checkpoint,
    stop: async () => {
      clearInterval(timer);
      await checkpoint();
    },
  };
}
