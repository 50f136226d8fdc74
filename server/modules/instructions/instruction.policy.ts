// An instruction (and a follow-up under it, for its files) as a scoped record: read by whoever may read
// its target, by the target type's own rule, checked against the target as it is now.
import type { RequestContext } from '../../core/access/actor.ts';
import { scopedResource } from '../../core/access/guard.ts';
import type { Services } from '../../core/services.ts';
import type { InstructionFollowUpRow, InstructionRow } from '../../db/schema.ts';
import { findInstruction } from './instruction.repository.ts';
import { targetOf } from './targets.ts';

async function targetInScope(s: Services, ctx: RequestContext, type: string, id: number) {
  const target = targetOf(type);
  const record = await target.resource.find(s, id);
  return record !== undefined && (await target.resource.inScope(s, ctx, record));
}

export const instructionResource = scopedResource<InstructionRow, number>({
  type: 'instruction',
  notFound: 'INSTRUCTION_NOT_FOUND',
  find: (s, id) => findInstruction(s.db.kysely, id),
  inScope: (s, ctx, row) => targetInScope(s, ctx, row.target_type, row.target_id),
});

export const followUpResource = scopedResource<InstructionFollowUpRow, number>({
  type: 'instruction_follow_up',
  notFound: 'INSTRUCTION_NOT_FOUND',
  find: (s, id) =>
    s.db.kysely.selectFrom('instruction_follow_ups').selectAll().where('id', '=', id).executeTakeFirst(),
  inScope: async (s, ctx, row) => {
    const instruction = await findInstruction(s.db.kysely, row.instruction_id);
    return instruction !== undefined && (await instructionResource.inScope(s, ctx, instruction));
  },
});
