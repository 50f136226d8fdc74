// Instructions as the API shows them: the target named, the thread under it with its files, and what
// the reader may do now. Targets are loaded once per call however many instructions share them.
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import type { InstructionFollowUpRow, InstructionRow } from '../../db/schema.ts';
import { listForEach } from '../attachments/index.ts';
import { listFollowUps } from './instruction.repository.ts';
import { KIND_LABELS, STATUS_LABELS } from './instruction.rules.ts';
import { targetOf, type TargetFacts } from './targets.ts';

const FOLLOW_UP_LABELS = { report: '反馈落实情况', more: '要求补充', done: '确认落实完毕' } as const;

/** Loads targets by type and id, once each, and answers whether the reader may see them. */
export class TargetCache {
  private readonly known = new Map<string, Promise<TargetFacts | null>>();
  constructor(
    private readonly s: Services,
    private readonly ctx: RequestContext,
  ) {}

  /** Loads, for the types that can, all these targets at once (a list's page: a few queries, not 3 × 20). */
  async prime(refs: ReadonlyArray<{ target_type: string; target_id: number }>): Promise<void> {
    const byType = new Map<string, Set<number>>();
    for (const r of refs) {
      if (this.known.has(`${r.target_type}:${r.target_id}`)) continue;
      const ids = byType.get(r.target_type) ?? new Set<number>();
      byType.set(r.target_type, ids.add(r.target_id));
    }
    for (const [type, ids] of byType) {
      const target = targetOf(type);
      if (!target.factsInScope) continue;
      const found = await target.factsInScope(this.s, this.ctx, [...ids]);
      for (const id of ids) this.known.set(`${type}:${id}`, Promise.resolve(found.get(id) ?? null));
    }
  }

  /** The target's facts when it exists and lies in the reader's scope; null otherwise. */
  facts(type: string, id: number): Promise<TargetFacts | null> {
    const key = `${type}:${id}`;
    let found = this.known.get(key);
    if (!found) {
      found = (async () => {
        const target = targetOf(type);
        const record = await target.resource.find(this.s, id);
        if (record === undefined || !(await target.resource.inScope(this.s, this.ctx, record))) return null;
        return target.facts(this.s, record);
      })();
      this.known.set(key, found);
    }
    return found;
  }
}

type FollowUpFiles = Map<number, ReadonlyArray<{ id: number; fileName: string; size: number; mime: string }>>;

// Only a unit's report back carries files; a page's are read in one query, not one per follow-up.
async function filesOf(s: Services, thread: readonly InstructionFollowUpRow[]): Promise<FollowUpFiles> {
  const reports = thread.filter((t) => t.kind === 'report').map((t) => t.id);
  return listForEach(s, 'instruction_follow_up', reports);
}

function presentFollowUp(row: InstructionFollowUpRow, files: FollowUpFiles) {
  const own = row.kind === 'report' ? (files.get(row.id) ?? []) : [];
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: FOLLOW_UP_LABELS[row.kind],
    text: row.text,
    actorName: row.actor_name,
    unitName: row.unit_name,
    at: row.at,
    attachments: own.map((f) => ({ id: f.id, fileName: f.fileName, size: f.size, mime: f.mime })),
  };
}

export async function presentInstructions(
  s: Services,
  ctx: RequestContext,
  rows: readonly InstructionRow[],
  facts: (row: InstructionRow) => Promise<TargetFacts>,
) {
  const thread = await listFollowUps(
    s.db.kysely,
    rows.map((r) => r.id),
  );
  const files = await filesOf(s, thread);
  const out = [];
  for (const row of rows) {
    const target = targetOf(row.target_type);
    const f = await facts(row);
    const open = row.status === 'pending' || row.status === 'reported';
    const manages = row.status === 'reported' && target.manages(ctx.actor, f);
    out.push({
      id: row.id,
      target: {
        type: row.target_type,
        typeLabel: target.label,
        id: row.target_id,
        title: f.title,
        link: f.link,
        taskId: row.task_id,
      },
      kind: row.kind,
      kindLabel: KIND_LABELS[row.kind],
      status: row.status,
      statusLabel: STATUS_LABELS[row.status],
      text: row.text,
      authorName: row.author_name,
      unitName: f.unitName,
      createdAt: row.created_at,
      doneAt: row.done_at,
      version: row.version,
      followUps: thread.filter((t) => t.instruction_id === row.id).map((t) => presentFollowUp(t, files)),
      actions: {
        followUp: open && target.actsForUnit(ctx.actor, f),
        confirm: manages,
        more: manages,
      },
    });
  }
  return out;
}
