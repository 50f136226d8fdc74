// Fails the build when a library that only one screen needs is in the chunks every visitor loads first.
// The first-load chunks are the entry and, transitively, the chunks it imports statically (index.html
// loads and preloads exactly those); a library reached only through import() is in a chunk of its own,
// fetched when its screen opens. A static import added by mistake (or a chunk group that swallows the
// library) would otherwise only show as a heavier first load in `npm run bench:web`.
import type { Plugin } from 'vite';

// Packages kept out of the first load: the QR code is drawn only on the TOTP enrolment screen. Charting
// libraries (ECharts) belong here when the pages that draw charts arrive.
export const LAZY_ONLY_PACKAGES = ['qrcode'];

interface BundleChunk {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  imports: string[];
  moduleIds: string[];
}
type BundleItem = BundleChunk | { type: 'asset'; fileName: string };

/** The entry chunks and every chunk they import statically, by file name. */
export function firstLoadChunks(bundle: Record<string, BundleItem>): BundleChunk[] {
  const byFile = new Map<string, BundleChunk>();
  for (const item of Object.values(bundle)) if (item.type === 'chunk') byFile.set(item.fileName, item);
  const seen = new Map<string, BundleChunk>();
  const visit = (chunk: BundleChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const file of chunk.imports) {
      const imported = byFile.get(file);
      if (imported) visit(imported);
    }
  };
  for (const chunk of byFile.values()) if (chunk.isEntry) visit(chunk);
  return [...seen.values()];
}

/** `package in chunk` for every lazy-only package found in a first-load chunk. */
export function lazyPackagesInFirstLoad(
  bundle: Record<string, BundleItem>,
  packages: readonly string[] = LAZY_ONLY_PACKAGES,
): string[] {
  const found: string[] = [];
  for (const chunk of firstLoadChunks(bundle)) {
    for (const pkg of packages) {
      const inPackage = new RegExp(
        `[\\\\/]node_modules[\\\\/]${pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[\\\\/]`,
      );
      if (chunk.moduleIds.some((id) => inPackage.test(id))) found.push(`${pkg} in ${chunk.fileName}`);
    }
  }
  return found;
}

export function firstLoadCheck(packages: readonly string[] = LAZY_ONLY_PACKAGES): Plugin {
  return {
    name: 'luoshi:first-load-check',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const found = lazyPackagesInFirstLoad(bundle, packages);
      if (found.length > 0) {
        this.error(
          `a library meant for one screen is in the first load (import it with import() where it is used):\n  ` +
            found.join('\n  '),
        );
      }
    },
  };
}
