// Content-addressed file storage (docs/decisions/evidence-store.md). A file is named by the SM3 hash of
// its bytes, so one uploaded twice is stored once and a stored file cannot change under its name. The
// store knows bytes only; who may read a file is the attachments module's business.
//
// put() streams into a staging file while hashing and counting (the limit stops the stream as it passes,
// nothing is held in memory), lets the caller inspect the staged bytes (the type check), and only then
// moves the file into place with an atomic rename. An S3-compatible store would stage the same way and
// upload instead of renaming; callers see only this interface.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { rename, rm, stat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  /** SM3 of the content, 64 lowercase hex digits. */
  hash: string;
  size: number;
}

export interface PutOptions {
  /** Bytes beyond this stop the stream with `tooLarge()`; the staging file is removed. */
  maxBytes: number;
  tooLarge: () => Error;
  /** Sees the staged bytes (a local file) before they are stored; throwing refuses the file. */
  inspect?: (stagedPath: string, file: StoredFile) => Promise<void>;
}

export interface FileStore {
  put(source: Readable, opts: PutOptions): Promise<StoredFile>;
  /** The content, or null when no file has this hash. */
  open(hash: string): Promise<Readable | null>;
  has(hash: string): Promise<boolean>;
}

const HASH = /^[0-9a-f]{64}$/;

/** Files under `<root>/ab/cd/<hash>`; folders 0700, files 0600 (only the server's account reads them). */
export class LocalFileStore implements FileStore {
  private readonly staging: string;

  constructor(private readonly root: string) {
    this.staging = path.join(root, 'tmp');
  }

  pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new Error('not an SM3 hash');
    return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  async put(source: Readable, opts: PutOptions): Promise<StoredFile> {
    await mkdir(this.staging, { recursive: true, mode: 0o700 });
    const staged = path.join(this.staging, `${crypto.randomUUID()}.part`);
    const digest = crypto.createHash('sm3');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > opts.maxBytes) return done(opts.tooLarge());
        digest.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, count, fs.createWriteStream(staged, { flags: 'wx', mode: 0o600 }));
      const file = { hash: digest.digest('hex'), size };
      await opts.inspect?.(staged, file);
      const target = this.pathOf(file.hash);
      if (await exists(target)) {
        await rm(staged, { force: true });
      } else {
        await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        await rename(staged, target);
      }
      return file;
    } catch (error) {
      await rm(staged, { force: true });
      throw error;
    }
  }

  async open(hash: string): Promise<Readable | null> {
    if (!HASH.test(hash)) return null;
    try {
      const fh = await fs.promises.open(this.pathOf(hash), 'r');
      return fh.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async has(hash: string): Promise<boolean> {
    return HASH.test(hash) && exists(this.pathOf(hash));
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
