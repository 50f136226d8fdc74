// The life of an instruction (批示), as pure rules: which state a kind starts in and where each step
// leads. A 批办 instruction is followed until staff confirm it is done; 指导 and 阅知 are read, not
// followed. Table-tested in instruction.rules.test.ts; the service only applies what these answer.
import type { InstructionKind, InstructionStatus } from '../../db/schema.ts';

export const KIND_LABELS: Record<InstructionKind, string> = { act: '批办', guide: '指导', read: '阅知' };
export const STATUS_LABELS: Record<InstructionStatus, string> = {
  pending: '待反馈',
  reported: '待确认',
  done: '已落实',
  info: '无需反馈',
};

export function initialStatus(kind: InstructionKind): InstructionStatus {
  return kind === 'act' ? 'pending' : 'info';
}

/** A step someone takes on an instruction. */
export type InstructionStep =
  // The responsible unit reports back (反馈), possibly more than once.
  | 'report'
  // Staff of the managing region confirm the instruction carried out (落实完毕).
  | 'confirm'
  // Staff ask the unit for more (要求补充反馈).
  | 'more';

export type StepResult = { ok: true; status: InstructionStatus } | { ok: false; reason: string };

export function nextStatus(status: InstructionStatus, step: InstructionStep): StepResult {
  if (status === 'info') return { ok: false, reason: '指导、阅知类批示无需反馈落实情况' };
  if (status === 'done') return { ok: false, reason: '该批示已确认落实完毕，不能再办理' };
  switch (step) {
    case 'report':
      // A further report back while staff have not yet looked is welcome: it waits for them too.
      return { ok: true, status: 'reported' };
    case 'confirm':
      return status === 'reported'
        ? { ok: true, status: 'done' }
        : { ok: false, reason: '责任单位尚未反馈落实情况，暂不能确认落实完毕' };
    case 'more':
      return status === 'reported'
        ? { ok: true, status: 'pending' }
        : { ok: false, reason: '责任单位尚未反馈落实情况，无需要求补充' };
  }
}

/** Awaiting follow-up (待落实): a 批办 instruction not yet confirmed done. */
export const AWAITING: readonly InstructionStatus[] = ['pending', 'reported'];
