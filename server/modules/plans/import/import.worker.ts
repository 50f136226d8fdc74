// The parse worker's entry (started by import.pool.ts): one job at a time, answered by id. Errors
// cross the thread as { code, message, details } (and the cause's text, for the server log).
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../core/errors.ts';
import { parseSource } from './import.parse.ts';
import type { ParseReply, ParseRequest } from './import.pool.ts';

const port = parentPort;
if (!port) throw new Error('import.worker.ts runs only as a worker thread');

port.postMessage('ready');
port.on('message', (job: ParseRequest) => {
  parseSource(job.source, job.unitKeywords, job.limits).then(
    (result) => port.postMessage({ id: job.id, ok: true, result } satisfies ParseReply),
    (error: unknown) =>
      port.postMessage({ id: job.id, ok: false, error: describe(error) } satisfies ParseReply),
  );
});

function describe(error: unknown): Extract<ParseReply, { ok: false }>['error'] {
  if (error instanceof AppError)
    return {
      code: error.code,
      message: error.message,
      details: error.details,
      cause: error.cause === undefined ? undefined : causeText(error.cause),
    };
  return { code: 'INTERNAL', message: undefined, details: undefined, cause: causeText(error) };
}

function causeText(cause: unknown): string {
  return cause instanceof Error ? (cause.stack ?? cause.message) : JSON.stringify(cause);
}
