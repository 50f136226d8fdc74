import type { z } from 'zod';
import type { RequestContext } from '../access/actor.ts';
import type { Services } from '../services.ts';

// What a job handler is told about the run it is in.
export interface JobContext {
  jobId: number;
  // The job's dedupe key (one occurrence, e.g. "health.daily:2026-12-01"), or null.
  key: string | null;
  // 1 for the first run; retries and runs after a lost lease count up to maxAttempts.
  attempt: number;
  maxAttempts: number;
  // When the job was due (the occurrence, for a scheduled job), not when it started.
  runAt: Date;
  // The system actor: a job that changes business data audits with this context (actor null, like the
  // console's commands), its request id naming the job so the audit row leads back to it.
  system: RequestContext;
}

export interface JobDefinition<P = unknown> {
  // <module>.<what>, e.g. health.daily; stored on every row of the kind.
  readonly kind: string;
  // Checked when the job is enqueued and again when it runs (a row written by an older release).
  readonly payload: z.ZodType<P>;
  readonly maxAttempts: number;
  // How long a claimed run may take before another process may take the job over (it presumes this one
  // ended); a handler that can run longer must declare a longer lease.
  readonly leaseMs: number;
  run(s: Services, payload: P, ctx: JobContext): Promise<void>;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_LEASE_MS = 5 * 60_000;

export function defineJob<S extends z.ZodType>(definition: {
  kind: string;
  payload: S;
  maxAttempts?: number;
  leaseMs?: number;
  run: (s: Services, payload: z.output<S>, ctx: JobContext) => Promise<void>;
}): JobDefinition<z.output<S>> {
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(definition.kind))
    throw new Error(`job kind "${definition.kind}" must read <module>.<what> in lower case`);
  return {
    kind: definition.kind,
    payload: definition.payload as z.ZodType<z.output<S>>,
    maxAttempts: definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    leaseMs: definition.leaseMs ?? DEFAULT_LEASE_MS,
    run: definition.run,
  };
}

// A recurring job: at every time the cron pattern names (in the given time zone), one job of `job`'s kind
// with the payload made for that occurrence, enqueued under a dedupe key per occurrence.
export interface ScheduleDefinition<P = unknown> {
  job: JobDefinition<P>;
  // Five fields (minute hour day month weekday), read by croner; e.g. '0 1 * * *' daily at 01:00.
  cron: string;
  timezone: string;
  payload: (occurrence: Date) => P;
  // The dedupe key of one occurrence; by default `<kind>:<occurrence as +08:00 timestamp>`.
  key?: (occurrence: Date) => string;
}

export function defineSchedule<P>(schedule: ScheduleDefinition<P>): ScheduleDefinition<P> {
  return schedule;
}
