import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, renderOpenApi } from '../server/openapi.ts';

// The committed API document must match the routes: a route change shows up in review as a change to
// docs/api/openapi.json (run `npm run openapi`).
describe('committed OpenAPI document', () => {
  it('is up to date with the routes', async () => {
    const committed = fs.readFileSync(OPENAPI_FILE, 'utf8');
    expect(committed === (await renderOpenApi()), 'docs/api/openapi.json is stale: run npm run openapi').toBe(
      true,
    );
  });
});
