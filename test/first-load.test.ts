import { describe, expect, test } from 'vitest';
import { firstLoadCheck, firstLoadChunks, LAZY_ONLY_PACKAGES } from '../web/build/first-load.ts';

// The build check that keeps one screen's libraries (the QR code of TOTP enrolment) out of the chunks
// every visitor loads first.

const chunk = (fileName: string, imports: string[], moduleIds: string[], isEntry = false) => ({
  type: 'chunk' as const,
  fileName,
  isEntry,
  imports,
  moduleIds,
});
const QRCODE = '/r/node_modules/qrcode/lib/browser.js';

type Hook = (this: { error(message: string): never }, options: unknown, bundle: unknown) => void;
const run = (bundle: Record<string, unknown>) =>
  (firstLoadCheck().generateBundle as Hook).call(
    {
      error: (message: string) => {
        throw new Error(message);
      },
    },
    {},
    bundle,
  );

describe('first-load chunks', () => {
  test('are the entry and what it imports statically, transitively; a lazily imported chunk is not', () => {
    const bundle = {
      index: chunk('assets/index.js', ['assets/vue.js'], ['/r/web/src/main.ts'], true),
      vue: chunk('assets/vue.js', ['assets/runtime.js'], []),
      runtime: chunk('assets/runtime.js', [], []),
      lazy: chunk('assets/browser.js', ['assets/runtime.js'], [QRCODE]),
      css: { type: 'asset' as const, fileName: 'assets/index.css' },
    };
    expect(firstLoadChunks(bundle).map((c) => c.fileName)).toEqual([
      'assets/index.js',
      'assets/vue.js',
      'assets/runtime.js',
    ]);
  });

  test('the QR code library is one of the packages kept out of the first load', () => {
    expect(LAZY_ONLY_PACKAGES).toContain('qrcode');
  });

  test('the build fails when qrcode is in a first-load chunk, naming the package and the chunk', () => {
    const bundle = {
      index: chunk('assets/index.js', ['assets/vendor.js'], ['/r/web/src/main.ts'], true),
      vendor: chunk('assets/vendor.js', [], ['/r/node_modules/vue/index.js', QRCODE]),
    };
    expect(() => run(bundle)).toThrow(/qrcode in assets\/vendor\.js/);
  });

  test('the build passes when qrcode is only in a chunk loaded with import()', () => {
    const bundle = {
      index: chunk('assets/index.js', [], ['/r/web/src/main.ts'], true),
      lazy: chunk('assets/browser.js', [], [QRCODE]),
    };
    expect(() => run(bundle)).not.toThrow();
  });

  test('a package whose name only starts the same is not mistaken for it', () => {
    const bundle = {
      index: chunk('assets/index.js', [], ['/r/node_modules/qrcode-terminal/index.js'], true),
    };
    expect(() => run(bundle)).not.toThrow();
  });
});
