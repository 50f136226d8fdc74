import type { JobRow, JobStatus } from '../../db/schema.ts';
import type { Services } from '../services.ts';
import { selectJobs } from './jobs.repository.ts';

export const JOB_STATUSES: readonly JobStatus[] = ['pending', 'running', 'done', 'failed', 'dead'];

export interface JobSummary {
  id: number;
  kind: string;
  key: string | null;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  lastErrorAt: string | null;
  lockedBy: string | null;
  lockedUntil: string | null;
  finishedAt: string | null;
  createdAt: string;
}

export interface ListJobsQuery {
  status?: JobStatus;
  kind?: string;
  beforeId?: number;
  limit?: number;
}

/** Jobs newest first, for the console and (later) the administrators' page; the last error stays visible. */
export async function listJobs(s: Pick<Services, 'db'>, query: ListJobsQuery = {}): Promise<JobSummary[]> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const rows = await selectJobs(s.db.kysely, { ...query, limit });
  return rows.map(presentJob);
}

function presentJob(row: JobRow): JobSummary {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    finishedAt: row.finished_at,
    createdAt: row.created_at,
  };
}
