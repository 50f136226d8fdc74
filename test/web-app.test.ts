import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../server/app.ts';
import { compressFile } from '../web/build/precompress.ts';
import { testConfig } from './app.ts';
import { createTestDb, type TestDb } from './db.ts';

// How the server sends the built web app and compresses API answers. The web folder is made here, with
// its compressed copies written by the build's own code, so the test needs no `npm run build`. Nothing
// here reads the database: SQLite only.

const SCRIPT = `export const greeting = ${JSON.stringify('落实 '.repeat(2000))};\n`;
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="app"></div>${'<!-- padding -->'.repeat(80)}</body></html>`;

let dir: string;
let db: TestDb;
let app: FastifyInstance;
const config = testConfig();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
  fs.writeFileSync(path.join(dir, 'assets', 'tiny-Ef56Gh78.js'), 'export default 1;\n');
  for (const file of ['index.html', 'assets/index-Ab12Cd34.js', 'assets/tiny-Ef56Gh78.js'])
    await compressFile(path.join(dir, file));
  db = await createTestDb('sqlite');
  ({ app } = await buildApp({
    config,
    db,
    secretKey: crypto.randomBytes(32),
    logger: false,
    webDist: dir,
  }));
  // Large answers on routes shaped like the ones that carry secrets (a POST, anything under /api/auth/).
  const large = () => ({ items: Array.from({ length: 200 }, (_, i) => ({ i, text: '落实工作要点' })) });
  const open = { config: { access: { permission: 'public', scope: 'none' } } } as const;
  app.post('/api/test/large', open, large);
  app.get('/api/auth/test-large', open, large);
  app.get('/api/test/large', open, large);
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(config.dataDir, { recursive: true, force: true });
});

const CHROME_ACCEPT = 'gzip, deflate, br, zstd';

describe('the built web app', () => {
  test('the build writes brotli and gzip copies of files of 1 KB and more, and none of smaller ones', () => {
    const script = path.join(dir, 'assets', 'index-Ab12Cd34.js');
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${script}.br`)).toString()).toBe(SCRIPT);
    expect(zlib.gunzipSync(fs.readFileSync(`${script}.gz`)).toString()).toBe(SCRIPT);
    expect(fs.existsSync(path.join(dir, 'assets', 'tiny-Ef56Gh78.js.br'))).toBe(false);
  });

  test('a hashed asset is sent as its brotli copy to a browser that accepts it, cached for a year', async () => {
    const res = await app.inject({
      url: '/assets/index-Ab12Cd34.js',
      headers: { 'accept-encoding': CHROME_ACCEPT },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
    expect(res.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
  });

  test('gzip when brotli is not accepted, the file itself when nothing is', async () => {
    const gz = await app.inject({ url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await app.inject({ url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': '' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.payload).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test('a small asset is sent as it is, not compressed on the fly', async () => {
    const res = await app.inject({
      url: '/assets/tiny-Ef56Gh78.js',
      headers: { 'accept-encoding': CHROME_ACCEPT },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.payload).toBe('export default 1;\n');
  });

  test('index.html, at / and for any client-side route, is revalidated on every load', async () => {
    for (const url of ['/', '/index.html', '/plans/12']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': CHROME_ACCEPT } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toBe(INDEX);
    }
  });

  test('a missing asset is a 404, not the app', async () => {
    const res = await app.inject({ url: '/assets/gone-Zz99Yy88.js' });
    expect(res.statusCode).toBe(404);
  });
});

describe('API answers', () => {
  test('a JSON answer of 1 KB and more is compressed when the client accepts it', async () => {
    const br = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': CHROME_ACCEPT } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    const json = zlib.brotliDecompressSync(br.rawPayload).toString();
    expect(JSON.parse(json)).toHaveProperty('openapi');
    expect(br.rawPayload.length).toBeLessThan(json.length / 3);

    const plain = await app.inject({ url: '/api/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.payload).toBe(json);
  });

  test('answers that may carry a secret are never compressed: POST answers and anything under /api/auth/', async () => {
    const headers = { 'accept-encoding': CHROME_ACCEPT };
    const get = await app.inject({ url: '/api/test/large', headers });
    expect(get.headers['content-encoding']).toBe('br');
    const post = await app.inject({ method: 'POST', url: '/api/test/large', headers });
    expect(post.statusCode).toBe(200);
    expect(post.headers['content-encoding']).toBeUndefined();
    expect(post.payload.length).toBeGreaterThan(1024);
    const auth = await app.inject({ url: '/api/auth/test-large', headers });
    expect(auth.statusCode).toBe(200);
    expect(auth.headers['content-encoding']).toBeUndefined();
  });

  test('a small JSON answer is sent as it is', async () => {
    const res = await app.inject({ url: '/api/health', headers: { 'accept-encoding': CHROME_ACCEPT } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json()).toHaveProperty('status');
  });
});
