import { createRequire } from 'node:module';
import type { Config } from './config.ts';

// What pino may never write: the session cookie and the CSRF token.
const REDACT = ['req.headers.cookie', 'req.headers["x-csrf-token"]'];

export interface LoggerOptions {
  level: string;
  redact: string[];
  transport?: { target: string; options: Record<string, unknown> };
}

// pino-pretty is a development dependency: a production install (npm ci --omit=dev) has none, and the
// server must start there all the same.
function prettyInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * The server's log format. A person watching `npm run dev` in a terminal reads one short line per event
 * (time, level, message, fields); everywhere else (production, tests, output sent to a file or a log
 * collector) each event stays one JSON line, which machines parse. pino-pretty runs in pino's worker
 * thread, off the request path.
 */
export function loggerOptions(
  config: Pick<Config, 'env' | 'logLevel'>,
  stdoutIsTerminal = Boolean(process.stdout.isTTY),
  prettyAvailable = prettyInstalled,
): LoggerOptions {
  const json = { level: config.logLevel, redact: REDACT };
  if (config.env !== 'development' || !stdoutIsTerminal || !prettyAvailable()) return json;
  return {
    ...json,
    transport: {
      target: 'pino-pretty',
      options: {
        translateTime: 'SYS:HH:MM:ss',
        // "GET /api/plans 200 request completed" rather than the request objects as JSON.
        messageFormat:
          '{if req.method}{req.method} {req.url} {end}{if res.statusCode}{res.statusCode} {end}{msg}',
        ignore: 'pid,hostname,reqId,req,res,responseTime',
        singleLine: true,
      },
    },
  };
}
