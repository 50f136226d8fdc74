import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import { describe, expect, it } from 'vitest';

// The import-boundary rules `npm run lint` enforces (.dependency-cruiser.mjs) must catch what they claim
// to: a fixture tree breaks each rule once beside imports that are allowed, and the checker must name
// exactly those breaks.

const FIXTURE = path.resolve(import.meta.dirname, 'fixtures/boundaries');
const config = await extractDepcruiseConfig(path.resolve(import.meta.dirname, '../.dependency-cruiser.mjs'));

async function violationsIn(dir: string) {
  const { output } = await cruise(
    ['server', 'web'],
    {
      ...config.options,
      // The fixture has no tsconfig of its own; paths are reported relative to it.
      tsConfig: undefined,
      baseDir: dir,
      ruleSet: { forbidden: config.forbidden },
      validate: true,
    },
    { extensions: ['.ts'] },
  );
  const result = output as ICruiseResult;
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe('import boundaries', () => {
  it('flags each forbidden import and only those', async () => {
    expect(await violationsIn(FIXTURE)).toEqual([
      'core-and-db-not-modules: server/core/base.ts -> server/modules/alpha/index.ts',
      'module-test-through-index-or-testing: server/modules/beta/testing/beta.fixtures.ts -> server/modules/alpha/alpha.repository.ts',
      'module-through-its-index: server/modules/beta/beta.service.ts -> server/modules/alpha/alpha.repository.ts',
      'module-through-its-index: server/modules/beta/beta.service.ts -> server/modules/alpha/testing/alpha.fixtures.ts',
      'resolvable: web/src/page.ts -> ./missing.ts',
      'web-not-server: web/src/page.ts -> server/core/base.ts',
    ]);
  });
});
