// A refused request's field problems shown on the form's own fields. The server answers a failed
// validation with 400 VALIDATION_FAILED and details.problems: [{ in, path, code, message }], `in` the part
// of the request (body, querystring, …) and `path` the field's dotted path; each message is a Chinese
// sentence naming the field. A form shows each on the el-form-item whose prop is the path's first step
// (`:error="errors.name"`), and a toast only for what no field shows.
import { reactive, watch } from 'vue';
import { ApiError } from '../api/client';

export interface Problem {
  in: string;
  path: string;
  code: string;
  message: string;
}

function isProblem(value: unknown): value is Problem {
  const p = value as Partial<Problem> | null;
  return typeof p?.in === 'string' && typeof p.path === 'string' && typeof p.message === 'string';
}

/** The field problems of a 400 VALIDATION_FAILED answer (none for any other error). */
export function problemsOf(error: unknown): Problem[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return [];
  const problems = error.details?.problems;
  return Array.isArray(problems) ? problems.filter(isProblem) : [];
}

/**
 * Errors for the fields of `form` (a reactive object keyed by field). `show(error)` places the error's
 * problems from request part `part` on their fields and answers true when every problem found a field
 * (nothing is left to say elsewhere); a field's error clears as soon as its value changes.
 */
export function useFieldErrors<F extends string>(form: Record<F, unknown>, part = 'body') {
  const fields = Object.keys(form) as F[];
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, '']))) as Record<F, string>;
  for (const f of fields) {
    watch(
      () => form[f],
      () => (errors[f] = ''),
    );
  }

  function clear(): void {
    for (const f of fields) errors[f] = '';
  }

  function show(error: unknown): boolean {
    clear();
    const problems = problemsOf(error).filter((p) => p.in === part);
    let placed = 0;
    for (const p of problems) {
      const field = p.path.split('.')[0] as F;
      if (!fields.includes(field)) continue;
      errors[field] ||= p.message;
      placed++;
    }
    return problems.length > 0 && placed === problems.length;
  }

  return { errors, show, clear };
}
