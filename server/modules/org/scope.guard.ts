import type { RequestContext } from '../../core/access/actor.ts';
import { appError, type ErrorCode } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';

// Asking for a record outside one's data scope answers exactly as a missing record would (so scope does
// not leak what exists), and leaves an audit event.
export async function outOfScope(
  s: Services,
  ctx: RequestContext,
  objectType: string,
  objectId: string | number,
  code: ErrorCode,
): Promise<never> {
  await s.audit.recordAlone(ctx, { action: 'access.out_of_scope', outcome: 'denied', objectType, objectId });
  throw appError(code);
}
