// The instructions module's public entry (docs/decisions/module-boundaries.md).
// The leader's dashboard counts 批办 instructions awaiting follow-up (the list: /instructions?status=awaiting).
export { countAwaitingFollowUp } from './instruction.lists.ts';
// The 督办通报's 领导批示落实情况: written in the period, by follow-up status (the list: ?regionCode=&from=&to=).
export { countWrittenInSubtree } from './instruction.lists.ts';
/**
 * Another module whose records take instructions registers its type here (tasks, reports and 督办单
 * notices register from this module: targets.tasks.ts, targets.notices.ts).
 * @public for a further kind of record.
 */
export { registerTarget } from './targets.ts';
// The lived-in demo (modules/demo) writes a 批办 instruction and its follow-up through the services.
export { createInstruction, followUp } from './instruction.service.ts';
export { findInstruction } from './instruction.repository.ts';
/** @public the shape a registered type fills in (see targets.tasks.ts and targets.notices.ts). */
export type { InstructionTarget, TargetFacts } from './targets.ts';
