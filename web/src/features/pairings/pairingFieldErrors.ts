// The entry form's field errors. A 400 VALIDATION_FAILED places its problems on their fields (shared
// useFieldErrors); the ledger's own rules answer with their stable codes, PAIRING_INVALID (an enterprise
// not of the 工商联, a village not in the code list, a contact of another organisation, a year too late,
// a completed project with nothing in it) and PAIRING_DUPLICATE (the same enterprise, village, type and
// year), and name their field in details.problems as well: those go beside the field too. A duplicate
// also names the entry it repeats, which the form links to.
import { ref } from 'vue';
import { ApiError } from '@/api/client';
import { useFieldErrors } from '@/shared/fieldErrors';

const RULE_CODES = ['PAIRING_INVALID', 'PAIRING_DUPLICATE'];

interface Problem {
  path: string;
  message: string;
}
const isProblem = (p: unknown): p is Problem =>
  typeof (p as Problem | null)?.path === 'string' && typeof (p as Problem | null)?.message === 'string';

export function usePairingFieldErrors<F extends string>(form: Record<F, unknown>) {
  const fields = useFieldErrors(form);
  const duplicateOf = ref<number | null>(null);

  function show(error: unknown): boolean {
    duplicateOf.value = null;
    if (!(error instanceof ApiError) || !RULE_CODES.includes(error.code)) return fields.show(error);
    fields.clear();
    const id = error.details?.id;
    if (error.code === 'PAIRING_DUPLICATE' && typeof id === 'number') duplicateOf.value = id;
    const raw = error.details?.problems;
    const problems = (Array.isArray(raw) ? raw : []).filter(isProblem);
    let placed = 0;
    for (const p of problems) {
      const field = p.path.split('.')[0] as F;
      if (!(field in fields.errors)) continue;
      fields.errors[field] ||= p.message;
      placed++;
    }
    return problems.length > 0 && placed === problems.length;
  }

  function clear(): void {
    duplicateOf.value = null;
    fields.clear();
  }

  return { errors: fields.errors, show, clear, duplicateOf };
}
