// A source the plan importer cannot read.
import { AppError } from '../../../core/errors.ts';

export type PlanSourceProblem =
  'UNSUPPORTED_EXTENSION' | 'UNREADABLE_DOCX' | 'DOCX_SIZE_MISMATCH' | 'FILE_NOT_FOUND' | 'FILE_UNREADABLE';

/** A source the plan importer cannot read; `problem` says why, the message says it in Chinese and English. */
export class PlanSourceError extends AppError {
  constructor(
    readonly problem: PlanSourceProblem,
    message: string,
    cause?: unknown,
  ) {
    super('BAD_REQUEST', message, { problem });
    this.name = 'PlanSourceError';
    if (cause !== undefined) this.cause = cause;
  }
}
