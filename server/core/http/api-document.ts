// The OpenAPI document's shared schemas. A Zod schema given `.meta({ id: 'Name' })` becomes
// components/schemas/Name, and every route using it refers to it by $ref, so the web app's generated
// types (web/src/api/schema.d.ts) name it too. fastify-type-provider-zod writes each named schema twice
// (Name for answers, NameInput for requests); only the ones a route refers to are kept.
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Transform = typeof jsonSchemaTransformObject;
type Doc = Record<string, unknown> & { components?: { schemas?: Record<string, unknown> } };

const REF_PREFIX = '#/components/schemas/';

function refsIn(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) refsIn(v, found);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX))
        found.add(v.slice(REF_PREFIX.length));
      else refsIn(v, found);
    }
  }
}

/** The named schemas the document's paths reach, directly or through other named schemas. */
function reachableSchemas(paths: unknown, schemas: Record<string, unknown>): Set<string> {
  const reached = new Set<string>();
  const pending = new Set<string>();
  refsIn(paths, pending);
  while (pending.size > 0) {
    const [name] = pending;
    pending.delete(name!);
    if (reached.has(name!)) continue;
    reached.add(name!);
    const next = new Set<string>();
    refsIn(schemas[name!], next);
    for (const n of next) if (!reached.has(n)) pending.add(n);
  }
  return reached;
}

export const apiDocumentObject: Transform = (input) => {
  const doc = jsonSchemaTransformObject(input) as Doc;
  const schemas = doc.components?.schemas ?? {};
  const keep = reachableSchemas(doc.paths, schemas);
  const kept = Object.fromEntries(
    Object.keys(schemas)
      .filter((name) => keep.has(name))
      .sort()
      .map((name) => [name, schemas[name]]),
  );
  return { ...doc, components: { ...doc.components, schemas: kept } } as ReturnType<Transform>;
};
