import { createRequire } from 'node:module';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
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

/**
 * The access log: one line per request, written when the answer is sent, with the method, URL, client
 * address, status and time taken (Fastify's default writes two: one on arrival, one on completion, and
 * the two lines were the largest cost of the hooks, docs/decisions/request-hooks.md). Errors, aborted
 * streams and refused requests are still logged as Fastify logs them.
 */
export class AccessLog extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
