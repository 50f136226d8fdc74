/**
 * The text of a .docx, read within bounds. The zip is read with yauzl, one entry at a time, and only
 * the XML parts are inflated (pictures and other media are never unpacked). Before an entry is
 * inflated its declared size (central directory) must fit the limit; while it inflates the actual
 * bytes are counted, and the stream stops as soon as they pass either the declared size (a lying
 * directory) or the limit. mammoth then reads the parts from memory, never the zip itself.
 */
import mammoth from 'mammoth';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError, appError } from '../../../core/errors.ts';
import type { ImportLimits } from './import.limits.ts';
import { PlanSourceError } from './import.errors.ts';

const XML_PART = /\.(xml|rels)$/i;

function openZip(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // Sizes are checked by our own counters below (so a mismatch has its own answer).
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

function tooLarge(limits: ImportLimits): AppError {
  return appError(
    'PLAN_SOURCE_TOO_LARGE',
    `Word 文件解压后的内容超过 ${Math.round(limits.docxXmlBytes / 1024 / 1024)} MB 上限，无法导入；请删去无关内容或拆分后再导入`,
    { problem: 'DOCX_UNPACKED_TOO_LARGE', limitBytes: limits.docxXmlBytes },
  );
}

/** The XML parts of a .docx, by name; throws before reading past any bound. */
async function readXmlParts(bytes: Buffer, filename: string, limits: ImportLimits) {
  const zip = await openZip(bytes);
  const parts = new Map<string, Buffer>();
  const names = new Set<string>();
  const budget: Budget = { bytes: limits.docxXmlBytes, tags: limits.docxXmlTags };
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (names.size >= limits.docxEntries)
        throw appError('PLAN_SOURCE_TOO_LARGE', `Word 文件中的部件超过 ${limits.docxEntries} 个，无法导入`, {
          problem: 'DOCX_TOO_MANY_ENTRIES',
          limit: limits.docxEntries,
        });
      names.add(entry.fileName);
      if (!XML_PART.test(entry.fileName)) continue;
      if (entry.uncompressedSize > budget.bytes) throw tooLarge(limits);
      parts.set(entry.fileName, await readEntry(zip, entry, filename, budget, limits));
    }
  } finally {
    zip.close();
  }
  return { parts, names };
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
    };
    const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

interface Budget {
  bytes: number;
  tags: number;
}

const LT = 0x3c; // '<': one per XML tag, the measure of what mammoth will build in memory

function countTags(chunk: Buffer): number {
  let n = 0;
  for (let at = chunk.indexOf(LT); at !== -1; at = chunk.indexOf(LT, at + 1)) n++;
  return n;
}

/** One entry's bytes, spending `budget` (bytes and tags left) as they arrive. */
function readEntry(zip: ZipFile, entry: Entry, filename: string, budget: Budget, limits: ImportLimits) {
  return new Promise<Buffer>((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      let size = 0;
      const stop = (problem: Error) => {
        stream.destroy();
        reject(problem);
      };
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        budget.bytes -= chunk.length;
        budget.tags -= countTags(chunk);
        // Our own counters, whatever the library checks: never hold more than the room left.
        if (size > entry.uncompressedSize) return stop(sizeMismatch(filename, entry.fileName));
        if (budget.bytes < 0) return stop(tooLarge(limits));
        if (budget.tags < 0) return stop(tooComplex(limits));
        chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => {
        if (size !== entry.uncompressedSize) return reject(sizeMismatch(filename, entry.fileName));
        resolve(Buffer.concat(chunks, size));
      });
    });
  });
}

function tooComplex(limits: ImportLimits): AppError {
  return appError(
    'PLAN_SOURCE_TOO_LARGE',
    `Word 文件的排版元素超过 ${limits.docxXmlTags} 个上限，无法导入；请另存为纯文本（.txt）或拆分后再导入`,
    { problem: 'DOCX_TOO_COMPLEX', limit: limits.docxXmlTags },
  );
}

function sizeMismatch(filename: string, part: string): PlanSourceError {
  return new PlanSourceError(
    'DOCX_SIZE_MISMATCH',
    `Word 文件“${filename}”的压缩目录与实际内容不符（${part}），文件已损坏或被篡改，无法导入 / "${filename}" is corrupt: sizes in the zip directory do not match the content`,
  );
}

/** The plain text of a .docx through mammoth, reading only the bounded XML parts. */
export async function docxText(bytes: Buffer, filename: string, limits: ImportLimits): Promise<string> {
  try {
    const { parts, names } = await readXmlParts(bytes, filename, limits);
    // mammoth's own zip-file interface (lib/unzip.js accepts { file }): it reads parts by name.
    const file = {
      exists: (name: string) => names.has(name),
      read: async (name: string, encoding?: string) => {
        const part = parts.get(name);
        if (!part) throw new Error(`part not read: ${name}`);
        return encoding ? new TextDecoder(encoding).decode(part) : part;
      },
    };
    // mammoth's typings list only { path } and { buffer }; { file } is the same reader's third input.
    const input = { file } as unknown as { buffer: Buffer };
    return (await mammoth.extractRawText(input)).value;
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The zip reader's and mammoth's own words (zip internals, XML paths) stay in the cause, for the log.
    throw new PlanSourceError(
      'UNREADABLE_DOCX',
      `无法读取 Word 文件“${filename}”，文件可能已损坏或不是 .docx 格式 / Cannot read "${filename}": not a valid .docx file`,
      error,
    );
  }
}
