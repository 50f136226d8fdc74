import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_FILE, renderOpenApi } from '../server/openapi.ts';
import { renderWebLimits, renderWebSchema, WEB_LIMITS_FILE, WEB_SCHEMA_FILE } from '../scripts/api-types.ts';

// The committed API document must match the routes: a route change shows up in review as a change to
// docs/api/openapi.json, and the web app's types generated from it must match it too (run
// `npm run openapi`).
describe('committed OpenAPI document', () => {
  let rendered: string;
  beforeAll(async () => {
    rendered = await renderOpenApi();
  });

  it('is up to date with the routes', () => {
    const committed = fs.readFileSync(OPENAPI_FILE, 'utf8');
    expect(committed === rendered, 'docs/api/openapi.json is stale: run npm run openapi').toBe(true);
  });

  it('is what the web app types were generated from', async () => {
    for (const [file, render] of [
      [WEB_SCHEMA_FILE, renderWebSchema],
      [WEB_LIMITS_FILE, renderWebLimits],
    ] as const) {
      const committed = fs.readFileSync(file, 'utf8');
      expect(committed === (await render(rendered)), `${file} is stale: run npm run openapi`).toBe(true);
    }
  });

  it('names every operation once, in camelCase, and refers only to schemas it defines', () => {
    const doc = JSON.parse(rendered) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
      components: { schemas: Record<string, unknown> };
    };
    const ids = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        route: `${method.toUpperCase()} ${path}`,
        id: op.operationId,
      })),
    );
    expect(ids.length).toBeGreaterThan(50);
    expect(ids.filter((o) => !o.id || !/^[a-z][A-Za-z]+$/.test(o.id)).map((o) => o.route)).toEqual([]);
    const seen = new Map<string, string>();
    const repeated = ids.filter((o) => seen.has(o.id!) || !seen.set(o.id!, o.route));
    expect(repeated.map((o) => `${o.id}: ${o.route} and ${seen.get(o.id!)}`)).toEqual([]);
    const refs = new Set([...rendered.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!));
    expect([...refs].filter((name) => !(name in doc.components.schemas))).toEqual([]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['PlanDetail', 'User', 'Me']));
  });
});
