// Checks every request's params, query and body before its Zod schema runs (one place for all routes):
//  - nesting depth: recursive schemas (an outline's children) recurse once per level, so a body nested
//    thousands deep would overflow the stack inside the validator and answer 500;
//  - lone UTF-16 surrogates ("\ud800" in JSON): not text, stored as invalid UTF-8 on PostgreSQL and
//    collapsed to U+FFFD on the way out, so two different passwords could hash alike. Refused.
// The walk is iterative (it cannot overflow itself) and stops at the first problem.
import { appError, type AppError } from '../errors.ts';
import { validatorCompiler } from './validation.ts';

/** Deeper than any schema needs: a plan item at the deepest level (5) sits about 14 levels down. */
export const MAX_INPUT_DEPTH = 32;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** The first problem in a parsed input, or null. `part` names it in the message (body, querystring…). */
export function inputProblem(input: unknown, part: string): AppError | null {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [
    { value: input, depth: 0, path: '' },
  ];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasLoneSurrogate(value)) return invalidText(part, path);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH)
      return appError(
        'INPUT_TOO_DEEP',
        `请求内容的嵌套层数超过上限 ${MAX_INPUT_DEPTH} 层（工作要点条目最多 5 级）`,
        {
          path: `${part}${path}`,
          limit: MAX_INPUT_DEPTH,
        },
      );
    for (const [key, child] of Object.entries(value)) {
      if (hasLoneSurrogate(key)) return invalidText(part, path);
      stack.push({ value: child, depth: depth + 1, path: `${path}/${key}` });
    }
  }
  return null;
}

function invalidText(part: string, path: string): AppError {
  const field = `${part}${path}`;
  return appError(
    'INPUT_INVALID_TEXT',
    `字段 ${field} 含有无效字符（不成对的 UTF-16 代理项），请删除后重新输入`,
    { path: field },
  );
}

// A route's query string and path parameters repeat (one list page asked for by many readers, a page
// polled): each route keeps the checked value of the last REMEMBERED_INPUTS it accepted, by their text,
// so a repeat skips the walk above and Zod (about 30 µs of a cached list's 350 µs of server CPU). The
// value is frozen, being shared by every request that sends the same; a refusal is not kept, nor an
// input longer than REMEMBERED_TEXT as JSON (a list page's is under 200 characters), so a route holds at
// most 200 × 512 characters of them.
const REMEMBERED_INPUTS = 200;
const REMEMBERED_TEXT = 512;
const REMEMBERED_PARTS = new Set(['querystring', 'params']);

function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) if (Array.isArray(v)) Object.freeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The Zod validator (validation.ts: Chinese messages naming the field), behind the checks above. */
export const guardedValidatorCompiler: typeof validatorCompiler = (route) => {
  const validate = validatorCompiler(route);
  const part = route.httpPart ?? 'body';
  const checked = (data: unknown) => {
    const problem = part === 'headers' ? null : inputProblem(data, part);
    return problem ? { error: problem } : validate(data);
  };
  if (!REMEMBERED_PARTS.has(part)) return checked;
  const remembered = new Map<string, { value: unknown }>();
  return (data: unknown) => {
    const text = JSON.stringify(data);
    if (text.length > REMEMBERED_TEXT) return checked(data);
    const hit = remembered.get(text);
    if (hit) return hit;
    const result = checked(data);
    if (typeof result === 'object' && 'value' in result) {
      const kept = { value: frozen<unknown>(result.value) };
      remembered.set(text, kept);
      if (remembered.size > REMEMBERED_INPUTS) remembered.delete(remembered.keys().next().value!);
      return kept;
    }
    return result;
  };
};
