// Leaders' instructions (批示): a leader writes one on an object in their region subtree; a 批办 one is
// followed until done: the responsible unit reports back (possibly several times, with files), staff of
// the managing region confirm it carried out or ask for more, and the leader sees the thread under it.
// Every step is on the object's timeline, in the inboxes of those who act next, and in the audit log.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { loadInScope } from '../../core/access/guard.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { toUser, type Recipient } from '../../core/notify/recipients.ts';
import type { MessageKind } from '../../core/notify/kinds.ts';
import type { Services } from '../../core/services.ts';
import type { Database, InstructionKind, InstructionRow, InstructionStatus } from '../../db/schema.ts';
import { attachTo } from '../attachments/index.ts';
import {
  findInstruction,
  insertFollowUp,
  insertInstruction,
  updateInstructionAtVersion,
} from './instruction.repository.ts';
import { presentInstructions, TargetCache } from './instruction.present.ts';
import { initialStatus, KIND_LABELS, nextStatus, type InstructionStep } from './instruction.rules.ts';
import { targetOf, type InstructionTarget, type TargetFacts } from './targets.ts';

function actorOf(ctx: RequestContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

// A message opens the object's page at the instruction.
function linkTo(facts: TargetFacts, id: number): string {
  return `${facts.link}${facts.link.includes('?') ? '&' : '?'}instruction=${id}`;
}

function excerpt(text: string): string {
  const chars = [...text];
  return chars.length <= 60 ? text : `${chars.slice(0, 59).join('')}…`;
}

async function one(s: Services, ctx: RequestContext, row: InstructionRow, facts: TargetFacts) {
  const [out] = await presentInstructions(s, ctx, [row], () => Promise.resolve(facts));
  return out!;
}

export async function createInstruction(
  s: Services,
  ctx: RequestContext,
  body: { targetType: string; targetId: number; kind: InstructionKind; text: string },
) {
  const actor = actorOf(ctx);
  const target = targetOf(body.targetType);
  // Out of the leader's subtree: 404 as for a missing object, and access.out_of_scope in the audit log.
  const record = await loadInScope(s, ctx, target.resource, body.targetId);
  const facts = await target.facts(s, record);
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    const now = toTimestamp(s.clock.now());
    const id = await insertInstruction(trx, {
      target_type: target.type,
      target_id: body.targetId,
      task_id: facts.taskId,
      target_title: facts.title,
      link: facts.link,
      kind: body.kind,
      status: initialStatus(body.kind),
      text: body.text,
      author_id: actor.userId,
      author_name: actor.displayName,
      region_path: facts.regionPath,
      manager_region_path: facts.managerRegionPath,
      unit_id: facts.unitId,
      created_at: now,
      updated_at: now,
    });
    await target.record(trx, s, ctx, facts, 'created', {
      instructionId: id,
      kind: body.kind,
      target: target.type,
      text: excerpt(body.text),
    });
    const needed = body.kind === 'act' ? '，请落实并反馈' : '';
    await s.notify(trx, {
      recipients: [...target.unitRecipients(facts), ...target.managerRecipients(facts)],
      kind: 'instruction.created',
      title: `${actor.displayName}对${target.label}《${facts.title}》作出批示（${KIND_LABELS[body.kind]}）${needed}`,
      body: body.text,
      object: { type: 'instruction', id, link: linkTo(facts, id) },
      except: [actor.userId],
    });
    await s.audit.record(trx, ctx, {
      action: 'instruction.create',
      objectType: 'instruction',
      objectId: id,
      after: { targetType: target.type, targetId: body.targetId, kind: body.kind, text: body.text },
    });
    return id;
  });
  return one(s, ctx, (await findInstruction(s.db.kysely, id))!, facts);
}

export async function getInstruction(s: Services, ctx: RequestContext, row: InstructionRow) {
  const facts = await new TargetCache(s, ctx).facts(row.target_type, row.target_id);
  if (!facts) throw appError('INSTRUCTION_NOT_FOUND');
  return one(s, ctx, row, facts);
}

interface Step {
  step: InstructionStep;
  who: (target: InstructionTarget, facts: TargetFacts) => boolean;
  refused: string;
}

// One step on an instruction: the rules say where it leads, the row moves at its version, the thread
// gets its entry; `effects` writes the timeline, messages and audit event in the same transaction.
async function takeStep(
  s: Services,
  ctx: RequestContext,
  guarded: InstructionRow,
  version: number,
  step: Step,
  entry: (facts: TargetFacts) => { kind: 'report' | 'more' | 'done'; text: string; unitName?: string },
  effects: (
    trx: Transaction<Database>,
    row: InstructionRow,
    target: InstructionTarget,
    facts: TargetFacts,
    followUpId: number,
  ) => Promise<void>,
) {
  const actor = actorOf(ctx);
  const target = targetOf(guarded.target_type);
  const record = await target.resource.find(s, guarded.target_id);
  if (record === undefined) throw appError('INSTRUCTION_NOT_FOUND');
  const facts = await target.facts(s, record);
  if (!step.who(target, facts)) throw appError('FORBIDDEN', step.refused);
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findInstruction(trx, guarded.id);
    if (!row) throw appError('INSTRUCTION_NOT_FOUND');
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    const next = nextStatus(row.status, step.step);
    if (!next.ok) throw appError('INSTRUCTION_STATE', next.reason);
    const now = toTimestamp(s.clock.now());
    const patch: {
      status: InstructionStatus;
      updated_at: string;
      done_at?: string;
      follow_up_count?: number;
    } = { status: next.status, updated_at: now };
    if (next.status === 'done') patch.done_at = now;
    if (step.step === 'report') patch.follow_up_count = row.follow_up_count + 1;
    if (!(await updateInstructionAtVersion(trx, row.id, version, patch))) throw appError('VERSION_CONFLICT');
    const e = entry(facts);
    const followUpId = await insertFollowUp(trx, {
      instruction_id: row.id,
      kind: e.kind,
      text: e.text,
      actor_id: actor.userId,
      actor_name: actor.displayName,
      // The unit's name as it stands when it reports (a renamed unit keeps its old entries).
      unit_name: e.unitName ?? null,
      at: now,
    });
    await effects(trx, row, target, facts, followUpId);
  });
  return one(s, ctx, (await findInstruction(s.db.kysely, guarded.id))!, facts);
}

async function tell(
  s: Services,
  trx: Transaction<Database>,
  ctx: RequestContext,
  recipients: Recipient[],
  kind: MessageKind,
  title: string,
  body: string,
  row: InstructionRow,
  facts: TargetFacts,
) {
  await s.notify(trx, {
    recipients,
    kind,
    title,
    body,
    object: { type: 'instruction', id: row.id, link: linkTo(facts, row.id) },
    except: ctx.actor ? [ctx.actor.userId] : [],
  });
}

/** The responsible unit reports back on a 批办 instruction (反馈落实情况), with files if any. */
export async function followUp(
  s: Services,
  ctx: RequestContext,
  guarded: InstructionRow,
  version: number,
  body: { text: string; attachmentIds: number[] },
) {
  return takeStep(
    s,
    ctx,
    guarded,
    version,
    {
      step: 'report',
      who: (t, f) => t.actsForUnit(ctx.actor, f),
      refused: '只有责任单位可以反馈批示的落实情况',
    },
    (facts) => ({ kind: 'report', text: body.text, unitName: facts.unitName }),
    async (trx, row, target, facts, followUpId) => {
      await attachTo(s, trx, ctx, body.attachmentIds, { type: 'instruction_follow_up', id: followUpId });
      await target.record(trx, s, ctx, facts, 'followed_up', { instructionId: row.id, followUpId });
      await tell(
        s,
        trx,
        ctx,
        [toUser(row.author_id), ...target.managerRecipients(facts)],
        'instruction.followed_up',
        `${facts.unitName}反馈了对${target.label}《${facts.title}》批示的落实情况`,
        body.text,
        row,
        facts,
      );
      await s.audit.record(trx, ctx, {
        action: 'instruction.follow_up',
        objectType: 'instruction',
        objectId: row.id,
        note: { followUpId, text: body.text, attachmentIds: body.attachmentIds },
      });
    },
  );
}

/** Staff of the managing region confirm the instruction carried out (落实完毕). */
export async function confirmDone(
  s: Services,
  ctx: RequestContext,
  guarded: InstructionRow,
  version: number,
  comment: string,
) {
  return takeStep(
    s,
    ctx,
    guarded,
    version,
    {
      step: 'confirm',
      who: (t, f) => t.manages(ctx.actor, f),
      refused: '只有管理该事项的地区统战部工作人员可以确认批示落实完毕',
    },
    () => ({ kind: 'done', text: comment }),
    async (trx, row, target, facts) => {
      await target.record(trx, s, ctx, facts, 'done', { instructionId: row.id });
      await tell(
        s,
        trx,
        ctx,
        [toUser(row.author_id), ...target.unitRecipients(facts)],
        'instruction.done',
        `对${target.label}《${facts.title}》的批示已确认落实完毕`,
        comment,
        row,
        facts,
      );
      await s.audit.record(trx, ctx, {
        action: 'instruction.confirm',
        objectType: 'instruction',
        objectId: row.id,
        note: { comment },
      });
    },
  );
}

/** Staff ask the unit for more (要求补充): the instruction awaits a further report back. */
export async function askForMore(
  s: Services,
  ctx: RequestContext,
  guarded: InstructionRow,
  version: number,
  comment: string,
) {
  return takeStep(
    s,
    ctx,
    guarded,
    version,
    {
      step: 'more',
      who: (t, f) => t.manages(ctx.actor, f),
      refused: '只有管理该事项的地区统战部工作人员可以要求补充反馈',
    },
    () => ({ kind: 'more', text: comment }),
    async (trx, row, target, facts) => {
      await target.record(trx, s, ctx, facts, 'more_requested', { instructionId: row.id, comment });
      await tell(
        s,
        trx,
        ctx,
        target.unitRecipients(facts),
        'instruction.more_requested',
        `对${target.label}《${facts.title}》批示的落实情况需要补充，请再次反馈`,
        comment,
        row,
        facts,
      );
      await s.audit.record(trx, ctx, {
        action: 'instruction.more',
        objectType: 'instruction',
        objectId: row.id,
        note: { comment },
      });
    },
  );
}
