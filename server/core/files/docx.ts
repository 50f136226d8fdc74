/**
 * A .docx opened within bounds, for mammoth. The zip is read with yauzl, one entry at a time, and only
 * the XML parts are inflated (pictures and other media are never unpacked). Before an entry is
 * inflated its declared size (central directory) must fit the limit; while it inflates the actual
 * bytes are counted, and the stream stops as soon as they pass either the declared size (a lying
 * directory) or the limit. mammoth then reads the parts from memory, never the zip itself.
 *
 * Shared by the plan import (plans/import/import.docx.ts) and the proposal import
 * (cases/text/proposal-docx.ts); each turns a DocxLimitError into its own error code and message.
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl';

export interface DocxLimits {
  /** Total unpacked bytes of the XML parts (word/document.xml and the like). */
  xmlBytes: number;
  /** XML tags in those parts: mammoth builds a tree of them (about 25 µs and 1.5 KB each). */
  xmlTags: number;
  /** Entries in the central directory. */
  entries: number;
}

export type DocxLimitProblem =
  'DOCX_UNPACKED_TOO_LARGE' | 'DOCX_TOO_MANY_ENTRIES' | 'DOCX_TOO_COMPLEX' | 'DOCX_SIZE_MISMATCH';

/** A bound passed (or a lying zip directory); `part` names the entry for a size mismatch. */
export class DocxLimitError extends Error {
  constructor(
    readonly problem: DocxLimitProblem,
    readonly part?: string,
  ) {
    super(problem);
    this.name = 'DocxLimitError';
  }
}

const XML_PART = /\.(xml|rels)$/i;

function openZip(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // Sizes are checked by our own counters below (so a mismatch has its own answer).
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
}

/** The XML parts of a .docx, by name; throws before reading past any bound. */
async function readXmlParts(bytes: Buffer, limits: DocxLimits) {
  const zip = await openZip(bytes);
  const parts = new Map<string, Buffer>();
  const names = new Set<string>();
  const budget: Budget = { bytes: limits.xmlBytes, tags: limits.xmlTags };
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (names.size >= limits.entries) throw new DocxLimitError('DOCX_TOO_MANY_ENTRIES');
      names.add(entry.fileName);
      if (!XML_PART.test(entry.fileName)) continue;
      if (entry.uncompressedSize > budget.bytes) throw new DocxLimitError('DOCX_UNPACKED_TOO_LARGE');
      parts.set(entry.fileName, await readEntry(zip, entry, budget));
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
function readEntry(zip: ZipFile, entry: Entry, budget: Budget) {
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
        if (size > entry.uncompressedSize)
          return stop(new DocxLimitError('DOCX_SIZE_MISMATCH', entry.fileName));
        if (budget.bytes < 0) return stop(new DocxLimitError('DOCX_UNPACKED_TOO_LARGE'));
        if (budget.tags < 0) return stop(new DocxLimitError('DOCX_TOO_COMPLEX'));
        chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => {
        if (size !== entry.uncompressedSize)
          return reject(new DocxLimitError('DOCX_SIZE_MISMATCH', entry.fileName));
        resolve(Buffer.concat(chunks, size));
      });
    });
  });
}

/**
 * mammoth's input for a .docx whose XML parts were read within `limits`. Throws DocxLimitError when a
 * bound is passed, and the zip reader's own error when the bytes are not a zip.
 */
export async function boundedDocxInput(bytes: Buffer, limits: DocxLimits): Promise<{ buffer: Buffer }> {
  const { parts, names } = await readXmlParts(bytes, limits);
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
  return { file } as unknown as { buffer: Buffer };
}
