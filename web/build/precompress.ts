// Writes a .br and a .gz beside every built text file worth compressing, so the server sends
// pre-compressed files (@fastify/static preCompressed) instead of compressing on each request. Brotli
// at its highest quality costs seconds once per build and saves bytes on every first load.
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;
// Below this a compressed copy saves less than its extra request headers cost.
const MIN_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

// Compresses on libuv's thread pool, so the files of a build are compressed in parallel.
export async function compressFile(file: string): Promise<void> {
  const raw = await fs.readFile(file);
  if (raw.length < MIN_BYTES) return;
  const br = brotli(raw, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION });
  // A copy that is not smaller is not written; the server then sends the file itself.
  const write = async (copy: Buffer, ext: string) => {
    if (copy.length < raw.length) await fs.writeFile(`${file}${ext}`, copy);
  };
  await Promise.all([write(await br, '.br'), write(await gz, '.gz')]);
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'luoshi:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      async handler(_options, bundle) {
        const files = Object.keys(bundle).filter((fileName) => COMPRESSIBLE.test(fileName));
        await Promise.all(files.map((fileName) => compressFile(path.join(outDir, fileName))));
      },
    },
  };
}
