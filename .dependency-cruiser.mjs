// Import boundaries (docs/decisions/module-boundaries.md), checked by `npm run lint` and, on a fixture that
// breaks each rule once, by test/boundaries.test.ts.
//
// - A module under server/modules/ uses another module only through that module's index.ts (its public
//   entry), never its repositories, services or other files directly. Tests may also use another
//   module's testing/ fixtures.
// - server/core/ and server/db/ never import server/modules/ (tests in core may use modules' testing/
//   fixtures to drive the whole app).
// - The web app never imports server code (it reads the API's types from its own generated file).
//
// The composition root (server/app.ts, server/main.ts with the commands in server/cli/, server/openapi.ts),
// the test harness (test/), the benchmarks (bench/) and the scripts wire modules together and may reach
// any file.

// A test file, or a fixture in a testing/ folder.
const TEST_FILE = '\\.test\\.ts$|/testing/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'module-through-its-index',
      comment:
        'A module imports another module only through its index.ts (its public entry), never its ' +
        'repositories or internals. Export what you need from that index, through a service.',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/', pathNot: TEST_FILE },
      to: {
        path: '^server/modules/',
        pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'module-test-through-index-or-testing',
      comment: "A module's tests use another module through its index.ts or its testing/ fixtures.",
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/(testing/|.*/testing/|.*\\.test\\.ts$)' },
      to: {
        path: '^server/modules/',
        pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/index\\.ts$', '^server/modules/.+/testing/'],
      },
    },
    {
      name: 'core-and-db-not-modules',
      comment: 'server/core and server/db are the base the modules stand on: they never import a module.',
      severity: 'error',
      from: { path: '^server/(core|db)/', pathNot: TEST_FILE },
      to: { path: '^server/modules/' },
    },
    {
      name: 'core-tests-only-module-fixtures',
      comment: "Tests in server/core or server/db may drive the app with a module's testing/ fixtures only.",
      severity: 'error',
      from: { path: '^server/(core|db)/(testing/|.*/testing/|.*\\.test\\.ts$)' },
      to: { path: '^server/modules/', pathNot: '^server/modules/.+/testing/' },
    },
    {
      name: 'web-not-server',
      comment: 'The web app never imports server code; API types come from the generated OpenAPI types.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'resolvable',
      comment: 'Every relative or #-aliased import resolves to a file, so no import escapes the rules above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^[^.#]' },
    },
  ],
  options: {
    // Type-only imports count: a module must not reach into another's internals for types either.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|dist-server|data|coverage|\\.tmp|test/fixtures/boundaries)/' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.d.ts', '.mjs', '.js', '.vue', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
