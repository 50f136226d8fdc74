// Responses are written through their Zod schema: only the declared fields leave the server (a column not
// in the schema, such as a password hash, never does) and a value of the wrong type is a 500, not an
// answer. fastify-type-provider-zod does this with z.safeEncode, which also runs codecs backwards (a Date
// out as a string), but encoding skips Zod's compiled fast path and took twice the time of parsing (a
// 20-row plans page: about 50 µs against 23 µs). Where a schema means the same in both directions (no
// codec, transform or default: its input and output JSON Schemas are the same), parsing checks and strips
// exactly what encoding would, so those are parsed; the others are still encoded.
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isImmutable } from '../immutable.ts';

function zodSchemaOf(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof z.ZodType) return properties;
  throw new Error(`a response schema is not a Zod schema: ${JSON.stringify(schema)}`);
}

/** Whether parsing the schema does exactly what encoding it does. */
export function sameBothWays(schema: z.ZodType): boolean {
  try {
    const input = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', cycles: 'ref' });
    const output = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', cycles: 'ref' });
    // An object's output schema says it has no other keys (Zod strips them, parsing or encoding alike).
    const text = (json: unknown) =>
      JSON.stringify(json, (key, value: unknown) =>
        key === 'additionalProperties' && value === false ? undefined : value,
      );
    return text(input) === text(output);
  } catch {
    return false;
  }
}

// An answer marked immutable (core/immutable.ts: a cached read served to many requests) is checked and
// written once per route schema, as the UTF-8 bytes that go out: later requests send the same bytes.
// Encoding a 12 KB plan detail to UTF-8 and measuring it on every request was a third of that route's
// CPU time (bench:http). Fastify sends a Buffer from a serializer as it is (Content-Type stays JSON).
export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema, method, url }) => {
  const zodSchema = zodSchemaOf(schema);
  const check = sameBothWays(zodSchema) ? z.safeParse : z.safeEncode;
  const serialize = (data: unknown) => {
    const result = check(zodSchema, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
  const written = new WeakMap<object, Buffer>();
  return (data) => {
    if (!isImmutable(data)) return serialize(data);
    let bytes = written.get(data);
    if (bytes === undefined) written.set(data, (bytes = Buffer.from(serialize(data))));
    // Typed as a string by Fastify; its reply accepts a Buffer payload alike (reply.js onSendEnd).
    return bytes as unknown as string;
  };
};
