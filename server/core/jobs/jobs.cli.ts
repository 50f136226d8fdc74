import { parseArgs } from 'node:util';
import { writeLine, type CliIo } from '../console-io.ts';
import type { Services } from '../services.ts';
import type { JobStatus } from '../../db/schema.ts';
import { JOB_STATUSES, listJobs, type JobSummary } from './jobs.service.ts';

export class JobsUsageError extends Error {}

/** `luoshi jobs list [--status S] [--kind K] [--limit N]`: one line per job, newest first. */
export async function jobsListCommand(s: Pick<Services, 'db'>, args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { status: { type: 'string' }, kind: { type: 'string' }, limit: { type: 'string' } },
    strict: true,
  });
  if (values.status !== undefined && !JOB_STATUSES.includes(values.status as JobStatus))
    throw new JobsUsageError(`--status takes one of ${JOB_STATUSES.join(', ')}`);
  if (values.limit !== undefined && !/^\d+$/.test(values.limit))
    throw new JobsUsageError('--limit takes a number (at most 500)');
  const jobs = await listJobs(s, {
    ...(values.status ? { status: values.status as JobStatus } : {}),
    ...(values.kind ? { kind: values.kind } : {}),
    ...(values.limit ? { limit: Number(values.limit) } : {}),
  });
  await writeLine(io.stdout, formatJobs(jobs));
  return 0;
}

export function formatJobs(jobs: readonly JobSummary[]): string {
  if (!jobs.length) return '没有后台任务 / no jobs';
  const header = ['id', 'kind', 'status', 'attempts', 'run at', 'last error'];
  const rows = jobs.map((j) => [
    String(j.id),
    j.key ? `${j.kind} (${j.key})` : j.kind,
    j.status,
    `${j.attempts}/${j.maxAttempts}`,
    j.runAt,
    j.lastError ? `${j.lastErrorAt ?? ''} ${oneLine(j.lastError)}`.trim() : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // The last column is not padded: an error message may be long.
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
