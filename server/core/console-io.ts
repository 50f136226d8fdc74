// The console's streams, passed to every command so tests can run commands in-process.
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  /** Environment the configuration is read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Writes a line and resolves once the stream has taken it (for a pipe: handed to the OS). A command
 * awaits its output before it returns, so the process never ends with output still queued: a pipe
 * takes 64 KiB at a time, and the rest would be lost.
 */
export function writeLine(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(`${text}\n`, (error) => (error ? reject(error) : resolve()));
  });
}
