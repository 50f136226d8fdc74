// The server words a field's problem as "<field>：<what is wrong>", naming the field by its key where the
// schema gives it no Chinese title ("content enterprise：请填写企业名称"). The case forms show a problem under
// its own field, whose label already names it, so the key is left out there (a Chinese title is kept).
import { useFieldErrors } from '@/shared/fieldErrors';

const withoutKey = (message: string) => message.replace(/^[A-Za-z][\w.]*(?: [A-Za-z][\w.]*)*：/, '');

export function useCaseFieldErrors<F extends string>(form: Record<F, unknown>) {
  const fields = useFieldErrors(form);
  function show(error: unknown): boolean {
    const placed = fields.show(error);
    for (const f of Object.keys(fields.errors) as F[]) fields.errors[f] = withoutKey(fields.errors[f]);
    return placed;
  }
  return { ...fields, show };
}
