import { describe, expect, test } from 'vitest';
import { browserTargetCheck, checkChunk, polyfillsIn } from '../web/build/browser-target.ts';

// The build check that keeps the web app runnable on Chromium 90: it must pass what Chrome 90 runs and
// catch what it does not.

const none = new Set<string>();
const check = (code: string, polyfills: ReadonlySet<string> = none) =>
  checkChunk({ fileName: 'assets/x.js', code }, polyfills).map((f) => `${f.feature} @${f.chrome}`);

describe('syntax', () => {
  test('what Chrome 90 parses passes: ES2020, logical assignment, numeric separators, class fields and private methods, top-level await', () => {
    const code = `
      let a = null; a ??= 1_000; a ||= 2; a &&= 3;
      const o = { p: { q: 1 } }; const v = o?.p?.q ?? 0; const big = 10n;
      class C { x = 1; static y = 2; #z = 3; #m() { return this.#z; } get z() { return this.#m(); } }
      const m = 'a1'.match(/(?<d>\\d)/d);
      await Promise.resolve(v + big.toString().length + new C().z + String(m));
      export { a };`;
    expect(check(code)).toEqual([]);
  });

  test('a class static block (Chrome 94) is caught', () => {
    expect(check('class A { static { A.ready = true; } }')).toEqual(['class static block @94']);
  });

  test('`#field in object` (Chrome 91) is caught', () => {
    expect(check('class A { #x = 1; static is(o) { return #x in o; } }')).toEqual(['#private in object @91']);
  });

  test('syntax newer than ES2022 does not parse and is caught (RegExp /v, ES2024)', () => {
    const [finding] = check('export const re = /[\\p{L}--[a-z]]/v;');
    expect(finding).toMatch(/^syntax newer than ES2022/);
  });
});

describe('runtime APIs', () => {
  test('Array#at (Chrome 92), Object.hasOwn (93), structuredClone (98) and findLast (97) are caught', () => {
    const code = `
      const last = [1, 2].at(-1);
      const own = Object.hasOwn({ a: 1 }, 'a');
      const copy = structuredClone({ last });
      const found = [1].findLast((x) => x > 0);
      export { own, copy, found };`;
    expect(check(code)).toEqual([
      '.at() @92',
      'Object.hasOwn() @93',
      'structuredClone @98',
      '.findLast() @97',
    ]);
  });

  test('a call is allowed when its core-js module is in the bundle', () => {
    const code = 'export const last = [1, 2].at(-1), own = Object.hasOwn({}, "a");';
    expect(check(code, new Set(['es.array.at']))).toEqual(['.at() @92', 'Object.hasOwn() @93']);
    expect(check(code, new Set(['es.array.at', 'es.string.at-alternative', 'es.object.has-own']))).toEqual(
      [],
    );
  });

  test('a feature test that names the API guards the use; one that calls it does not', () => {
    const guarded = `
      export const id = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : String(Math.random());
      if ('startViewTransition' in document) document.startViewTransition(() => {});
      export const copy = typeof structuredClone === 'function' && structuredClone({});`;
    expect(check(guarded)).toEqual([]);
    expect(check('const n = { c: [] }; if (n.c.at(-1)) n.c.at(-1).focus();')).toEqual([
      '.at() @92',
      '.at() @92',
    ]);
  });

  test("a wrapper method that forwards to the same name (Vue's reactive arrays) is not a use", () => {
    const code = 'export const instrumented = { toSorted(cmp) { return raw(this).toSorted(cmp); } };';
    expect(check(code)).toEqual([]);
  });

  test('the core-js modules of a bundle are read from its module ids', () => {
    expect(
      polyfillsIn([
        '/repo/node_modules/core-js/modules/es.array.at.js',
        '/repo/web/src/main.ts',
        'C:\\repo\\node_modules\\core-js\\modules\\es.object.has-own.js',
      ]),
    ).toEqual(new Set(['es.array.at', 'es.object.has-own']));
  });
});

describe('the build plugin', () => {
  type Hook = (this: { error(message: string): never }, options: unknown, bundle: unknown) => void;
  const run = (bundle: Record<string, unknown>) => {
    const hook = browserTargetCheck().generateBundle as Hook;
    hook.call(
      {
        error: (message: string) => {
          throw new Error(message);
        },
      },
      {},
      bundle,
    );
  };
  const chunk = (code: string, isEntry: boolean, moduleIds: string[] = []) => ({
    type: 'chunk',
    fileName: isEntry ? 'assets/index-1.js' : 'assets/page-2.js',
    code,
    isEntry,
    moduleIds,
  });

  test('fails the build naming the chunk, the API and the Chrome it needs', () => {
    expect(() =>
      run({
        page: chunk('export const x = [1].at(-1);', false),
        index: chunk('import "./page-2.js";', true),
      }),
    ).toThrow(/assets\/page-2\.js @\d+: \.at\(\) \(needs Chrome 92, target Chrome 90\)/);
  });

  test('passes when the entry chunk carries the polyfill', () => {
    const polyfilled = chunk('import "./page-2.js";', true, [
      '/r/node_modules/core-js/modules/es.array.at.js',
      '/r/node_modules/core-js/modules/es.string.at-alternative.js',
    ]);
    expect(() =>
      run({ page: chunk('export const x = [1].at(-1);', false), index: polyfilled }),
    ).not.toThrow();
  });

  test('a polyfill in a lazily loaded chunk does not count: it may load after the use', () => {
    const lazy = chunk('export const x = [1].at(-1);', false, [
      '/r/node_modules/core-js/modules/es.array.at.js',
      '/r/node_modules/core-js/modules/es.string.at-alternative.js',
    ]);
    expect(() => run({ page: lazy, index: chunk('import "./page-2.js";', true) })).toThrow(/\.at\(\)/);
  });
});
