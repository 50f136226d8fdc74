// The objects a leader may instruct on and follow, as a registry: each type says how to load one in the
// reader's scope, who answers for it (its responsible unit) and who manages it, which page shows it, and
// how to write on its timeline; a type that can be followed also says how to list and feed it. Tasks and
// progress reports register in targets.tasks.ts; the 督办单 module registers 'notice' the same way
// (registerTarget from this module's index.ts), and every route here then serves it unchanged.
import type { Transaction } from 'kysely';
import type { Actor, RequestContext } from '../../core/access/actor.ts';
import type { ScopedResource } from '../../core/access/guard.ts';
import { appError } from '../../core/errors.ts';
import type { Recipient } from '../../core/notify/recipients.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';

/** What an instruction needs to know about its object, worked out from the loaded record. */
export interface TargetFacts {
  // The task the object belongs to (its timeline and page), when it belongs to one.
  taskId: number | null;
  title: string;
  // The web app page that shows the object.
  link: string;
  // The responsible unit's region (visibility) and the managing region (whose staff confirm).
  regionPath: string;
  managerRegionPath: string;
  unitId: number;
  unitName: string;
}

export type TimelineEvent = 'created' | 'followed_up' | 'more_requested' | 'done';

export interface WatchSummary {
  id: number;
  title: string;
  link: string;
  // The object's state in words (任务状态 …) and its colour when it has one.
  state: string;
  health: string | null;
  dueDate: string | null;
  unitName: string;
}

export interface FeedEvent {
  targetId: number;
  targetTitle: string;
  link: string;
  eventId: number;
  at: string;
  label: string;
  actorName: string | null;
}

/** Where a feed page starts for one source (see watch.service.ts for the merge). */
export interface FeedStart {
  at: string;
  sameAt: number | 'all' | 'none';
}

export interface InstructionTarget<T = unknown, F extends TargetFacts = TargetFacts> {
  readonly type: string;
  // The object's kind in words (任务, 进度报告, 督办单).
  readonly label: string;
  readonly resource: ScopedResource<T, number>;
  facts(s: Services, record: T): Promise<F>;
  /**
   * Optional, for lists: of these ids, the facts of the objects that exist and lie in the reader's scope,
   * in a few queries for all of them (what resource.find, resource.inScope and facts answer one by one).
   */
  factsInScope?(s: Services, ctx: RequestContext, ids: readonly number[]): Promise<Map<number, F>>;
  /** Speaks for the responsible unit: may report back on a 批办 instruction. */
  actsForUnit(actor: Actor | null, facts: F): boolean;
  /** Staff of the managing region: confirm the instruction carried out, or ask for more. */
  manages(actor: Actor | null, facts: F): boolean;
  /** Who, for the responsible unit, is told of an instruction (its handlers, a 统战部's staff). */
  unitRecipients(facts: F): Recipient[];
  /** Who, for the managing region, is told of a report back. */
  managerRecipients(facts: F): Recipient[];
  /** Writes the step on the object's own timeline, in the caller's transaction. */
  record(
    trx: Transaction<Database>,
    s: Services,
    ctx: RequestContext,
    facts: F,
    event: TimelineEvent,
    detail: Record<string, unknown>,
  ): Promise<void>;
  /** Present when the type can be followed (关注). */
  readonly watch?: {
    /** Of these ids, the objects the reader may see today, summarised. */
    summaries(s: Services, actor: Actor | null, ids: readonly number[]): Promise<Map<number, WatchSummary>>;
    /** The latest events of these objects (already checked visible), newest first. */
    feed(
      s: Services,
      ids: readonly number[],
      start: FeedStart | undefined,
      limit: number,
    ): Promise<FeedEvent[]>;
  };
}

const targets = new Map<string, InstructionTarget>();

export function registerTarget<T, F extends TargetFacts>(target: InstructionTarget<T, F>): void {
  const known = targets.get(target.type);
  // Registering again (one more app in the same process, as tests do) is harmless; two rules are not.
  if (known && known.resource !== target.resource)
    throw new Error(`instruction target '${target.type}' is already registered with another resource`);
  targets.set(target.type, target);
}

function targetTypes(): string[] {
  return [...targets.keys()];
}

export function watchableTypes(): string[] {
  return [...targets.values()].filter((t) => t.watch).map((t) => t.type);
}

/** The registered type, or a 400 naming the types there are (a client's mistake, not a missing record). */
export function targetOf(type: string): InstructionTarget {
  const target = targets.get(type);
  if (!target)
    throw appError('VALIDATION_FAILED', `不支持的对象类型“${type}”，可选：${targetTypes().join('、')}`, {
      problems: [{ in: 'body', path: 'targetType', code: 'invalid_value', message: '不支持的对象类型' }],
    });
  return target;
}
