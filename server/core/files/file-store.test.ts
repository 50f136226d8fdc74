import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sm3Hex } from '../crypto.ts';
import { LocalFileStore } from './file-store.ts';

const tooLarge = () => new Error('too large');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('LocalFileStore', () => {
  let root: string;
  let store: LocalFileStore;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-files-'));
    store = new LocalFileStore(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('names a file by its SM3, under ab/cd/, and stores content uploaded twice once', async () => {
    const bytes = Buffer.from('证据材料 evidence');
    const first = await store.put(Readable.from([bytes]), { maxBytes: 1000, tooLarge });
    const second = await store.put(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]), {
      maxBytes: 1000,
      tooLarge,
    });
    expect(first).toEqual({ hash: sm3Hex(bytes), size: bytes.length });
    expect(second).toEqual(first);
    const h = first.hash;
    expect(filesUnder(root)).toEqual([path.join(h.slice(0, 2), h.slice(2, 4), h)]);
    expect(await store.has(h)).toBe(true);
    const chunks: Buffer[] = [];
    for await (const chunk of (await store.open(h))!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(bytes);
  });

  it('keeps folders 0700 and files 0600', async () => {
    const { hash } = await store.put(Readable.from([Buffer.from('x')]), { maxBytes: 10, tooLarge });
    const file = store.pathOf(hash);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.dirname(path.dirname(file))).mode & 0o777).toBe(0o700);
  });

  it('stops a stream as it passes the limit and removes the staged part', async () => {
    let produced = 0;
    async function* endless() {
      for (;;) {
        produced += 64 * 1024;
        yield Buffer.alloc(64 * 1024, 1);
      }
    }
    await expect(store.put(Readable.from(endless()), { maxBytes: 1024 * 1024, tooLarge })).rejects.toThrow(
      'too large',
    );
    // Stopped within a few chunks of the limit, not at the end of an endless stream.
    expect(produced).toBeLessThan(2 * 1024 * 1024);
    expect(filesUnder(root)).toEqual([]);
  });

  it('accepts exactly the limit', async () => {
    const file = await store.put(Readable.from([Buffer.alloc(1000, 2)]), { maxBytes: 1000, tooLarge });
    expect(file.size).toBe(1000);
  });

  it('stores nothing when the inspection refuses the staged bytes', async () => {
    const refused = store.put(Readable.from([Buffer.from('MZ')]), {
      maxBytes: 10,
      tooLarge,
      inspect: async (staged, file) => {
        expect(fs.readFileSync(staged, 'latin1')).toBe('MZ');
        expect(file.size).toBe(2);
        throw new Error('wrong type');
      },
    });
    await expect(refused).rejects.toThrow('wrong type');
    expect(filesUnder(root)).toEqual([]);
  });

  it('answers null for an unknown or malformed hash (never a path)', async () => {
    expect(await store.open('0'.repeat(64))).toBeNull();
    expect(await store.open('../../etc/passwd')).toBeNull();
    expect(await store.has('../x')).toBe(false);
  });
});
