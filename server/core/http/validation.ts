// The request validator: Zod parses each part of a request, and a failure becomes a list of problems in
// Chinese, each naming its field (validation-messages.ts). Zod's own error map cannot do this alone: it
// sees neither the route's whole schema (a title may sit on an .optional() wrapper) nor the full path
// of an issue inside a union, so the messages are written here, from the finished issues.
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { z } from 'zod';
import { appError } from '../errors.ts';
import { describeIssues, GENERATED, joinWords, type Problem } from './validation-messages.ts';

const kProblem = Symbol('luoshi.validation-problem');

// Problem in the shape Fastify expects of a validation error (keyword, instancePath, …), tagged so the
// errors plugin knows it came from here.
export interface ValidationProblem extends Problem, FastifySchemaValidationError {
  [kProblem]: true;
  message: string;
}

const PART_NAMES: Record<string, string> = {
  body: '',
  querystring: '查询条件',
  params: '路径参数',
  headers: '请求头',
};

type Def = z.core.$ZodTypeDef & Record<string, unknown>;

function titleOf(schema: z.core.$ZodType): string | undefined {
  const meta = z.globalRegistry.get(schema);
  return typeof meta?.title === 'string' ? meta.title : undefined;
}

// Peels the wrappers that do not change where a field is (optional, default, pipe, …), returning the
// schema that holds the field's structure and the first title met on the way.
function unwrap(schema: z.core.$ZodType): { inner: z.core.$ZodType; title: string | undefined } {
  let s = schema;
  let title = titleOf(s);
  for (let i = 0; i < 32; i++) {
    const def = s._zod.def as Def;
    let next: unknown;
    if (
      ['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(def.type)
    )
      next = def.innerType;
    else if (def.type === 'pipe') next = def.in;
    else if (def.type === 'lazy') next = (def.getter as () => unknown)();
    if (!(next instanceof z.core.$ZodType)) break;
    s = next;
    title ??= titleOf(s);
  }
  return { inner: s, title };
}

function child(schema: z.core.$ZodType, key: PropertyKey): z.core.$ZodType | undefined {
  const def = schema._zod.def as Def;
  const type: string = def.type;
  if (type === 'object') return (def.shape as Record<PropertyKey, z.core.$ZodType>)[key];
  if (type === 'array') return def.element as z.core.$ZodType;
  if (type === 'record') return def.valueType as z.core.$ZodType;
  if (type === 'tuple')
    return (def.items as z.core.$ZodType[])[Number(key)] ?? (def.rest as z.core.$ZodType | undefined);
  if (type === 'union' || type === 'intersection') {
    const options = (type === 'union' ? def.options : [def.left, def.right]) as z.core.$ZodType[];
    for (const option of options) {
      const found = child(unwrap(option).inner, key);
      if (found) return found;
    }
  }
  return undefined;
}

// Names the field at `path`: each step by its title if the schema gives one, an array index as 第 n 项,
// otherwise the key itself; prefixed by the part of the request (查询条件, 路径参数, 请求头).
function fieldLabel(root: z.core.$ZodType | undefined, part: string, path: PropertyKey[]): string {
  const words = [PART_NAMES[part] ?? ''];
  let schema = root ? unwrap(root).inner : undefined;
  for (const key of path) {
    const next = schema ? child(schema, key) : undefined;
    const step = next ? unwrap(next) : undefined;
    if (step?.title) words.push(step.title);
    else if (typeof key === 'number') words.push(`第 ${key + 1} 项`);
    else words.push(String(key));
    schema = step?.inner;
  }
  return joinWords(...words);
}

export function isValidationProblem(value: unknown): value is ValidationProblem {
  return typeof value === 'object' && value !== null && kProblem in value;
}

// Used as Fastify's validator compiler instead of fastify-type-provider-zod's (same parse, better words).
export const validatorCompiler: FastifySchemaCompiler<z.core.$ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    // GENERATED marks the messages Zod would have made up, so an author's own message can be told apart;
    // reportInput keeps the input on each issue, which tells a missing field from a wrong one.
    const result = z.safeParse(schema, data, { error: () => GENERATED, reportInput: true });
    if (result.success) return { value: result.data };
    const part = httpPart ?? 'body';
    const problems = describeIssues(result.error.issues, (path) => fieldLabel(schema, part, path));
    const error = problems.map((p): ValidationProblem => ({
      ...p,
      [kProblem]: true,
      keyword: p.code,
      instancePath: `/${p.path.map(String).join('/')}`,
      schemaPath: '',
      params: {},
    }));
    return { error };
  };

/**
 * Parses a body whose schema is known only once the record is loaded (a case's content, by its type; an
 * action's input, by the transition the engine picks), with the same words as the route validator, and
 * refuses it as VALIDATION_FAILED with the same details a form shows beside each field.
 */
export function parseOrRefuse<T extends z.core.$ZodType>(
  schema: T,
  data: unknown,
  at: string[] = [],
): z.output<T> {
  const result = z.safeParse(schema, data, { error: () => GENERATED, reportInput: true });
  if (result.success) return result.data;
  const problems = describeIssues(result.error.issues, (path) => fieldLabel(schema, 'body', path)).map(
    (p) => ({
      in: 'body',
      path: [...at, ...p.path.map(String)].join('.'),
      code: p.code,
      message: p.message,
    }),
  );
  throw appError('VALIDATION_FAILED', problems[0]?.message, { problems });
}
