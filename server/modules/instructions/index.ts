// The instructions module's public entry (docs/decisions/module-boundaries.md).
// The leader's dashboard counts 批办 instructions awaiting follow-up (the list: /instructions?status=awaiting).
export { countAwaitingFollowUp } from './instruction.lists.ts';
// The 督办通报's 领导批示落实情况: written in the period, by follow-up status (the list: ?regionCode=&from=&to=).
export { countWrittenInSubtree } from './instruction.lists.ts';
/**
 * Another module whose records take instructions and can be followed (督办单) registers its type here.
 * @public until the notices module lands and calls it.
 */
export { registerTarget } from './targets.ts';
/** @public the shape a registered type fills in (see targets.tasks.ts for tasks and reports). */
export type { InstructionTarget, TargetFacts } from './targets.ts';
