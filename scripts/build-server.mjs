// Compiles the server for production start: one ES module bundle, dist-server/main.js, with the packages
// left in node_modules. Development and tests keep running the TypeScript sources through tsx.
// The bundle sits one level below the root, as server/ does, so paths found from import.meta.url hold;
// workers (`*.worker.ts`) are bundled beside it, and data files read beside a module (the demo plan
// documents in a `demo/` folder, lists such as the common passwords in a `resources/` folder) are copied
// into the same folder beside it.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist-server');

// `entry`: the program to bundle; the benchmarks bundle their server process (bench/tasks.server.ts) the
// same way, so what they measure is the server as production runs it.
export async function buildServer(outDir = out, entry = path.join(root, 'server/main.ts')) {
  fs.rmSync(outDir, { recursive: true, force: true });
  await build({
    // Worker entry points (`*.worker.ts`) are bundled beside main.js: their pools start them from a URL
    // next to their own module, which in the bundle is main.js.
    entryPoints: [entry, ...workerEntries(path.join(root, 'server'))],
    outdir: outDir,
    entryNames: '[name]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  const copied = new Map();
  for (const { folder, file } of dataFiles(path.join(root, 'server'))) {
    const target = path.join(outDir, folder, path.basename(file));
    // Every module reads its folder as ./<folder>/ beside main.js: two files of one name would collide.
    if (copied.has(target)) throw new Error(`${file} and ${copied.get(target)} both become ${target}`);
    copied.set(target, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
}

const DATA_FOLDERS = new Set(['demo', 'resources']);

function* workerEntries(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* workerEntries(full);
    else if (entry.name.endsWith('.worker.ts')) yield full;
  }
}

function* dataFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const folder = path.basename(dir);
    if (entry.isDirectory()) yield* dataFiles(full);
    else if (DATA_FOLDERS.has(folder) && !entry.name.endsWith('.ts')) yield { folder, file: full };
  }
}

if (process.argv[1] === import.meta.filename) await buildServer();
