// What one action does beyond moving the state: the shape every step's effect takes.
import type { Transaction, Updateable } from 'kysely';
import type { RequestContext } from '../../../core/access/actor.ts';
import type { Services } from '../../../core/services.ts';
import type { CaseTable, Database } from '../../../db/schema.ts';
import type { loadWorkingDays } from '../../calendar/index.ts';
import type { CaseTypeConfig } from '../engine/engine.ts';
import type { CaseState } from '../engine/vocabulary.ts';
import type { Around } from '../case.facts.ts';
import type { CaseWithNames } from '../case.repository.ts';

export interface StepArgs {
  trx: Transaction<Database>;
  s: Services;
  ctx: RequestContext;
  c: CaseWithNames;
  around: Around;
  config: CaseTypeConfig;
  /** The action's input, validated against the transition's body schema. */
  input: Record<string, unknown>;
  from: CaseState;
  to: CaseState;
  today: string;
  now: string;
  calendar: Awaited<ReturnType<typeof loadWorkingDays>>;
}

export interface StepResult {
  /** Columns to change besides the state and the running deadline. */
  patch?: Updateable<CaseTable>;
  /** The running deadline when the step sets its own (forwarding with a date); otherwise the state's. */
  dueDate?: string | null;
  comment?: string | null;
  /** What the timeline and the audit note record. */
  payload?: Record<string, unknown>;
}

export type StepEffect = (a: StepArgs) => Promise<StepResult>;

export const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
