/**
 * A bounded look inside an .xlsx before exceljs reads it. exceljs (through JSZip) would inflate every part
 * into memory at once, so each entry is first inflated here as a stream and counted: the declared sizes
 * (central directory) and the actual bytes must both fit the bound, and the stream stops as soon as they
 * do not. The same idea as the plans import's .docx reader (plans/import/import.docx.ts).
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { appError } from '../../../core/errors.ts';
import type { ExcelLimits } from './excel.limits.ts';

const tooLarge = (limits: ExcelLimits) =>
  appError(
    'TASK_IMPORT_TOO_LARGE',
    `Excel 文件解压后的内容超过 ${Math.round(limits.unpackedBytes / 1024 / 1024)} MB 上限，无法导入；请删去无关的工作表、图片或拆分后再导入`,
    { problem: 'XLSX_UNPACKED_TOO_LARGE', limitBytes: limits.unpackedBytes },
  );

export const unreadable = (filename: string) =>
  appError(
    'TASK_IMPORT_UNREADABLE',
    `无法读取“${filename}”：文件已损坏或不是 .xlsx 格式（请在 Excel/WPS 中另存为 .xlsx 后再导入）`,
  );

function openZip(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
    const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

/** Inflates one entry, counting; resolves with its size or rejects as soon as a bound is passed. */
function measure(zip: ZipFile, entry: Entry, budget: { left: number }, limits: ExcelLimits) {
  return new Promise<void>((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        budget.left -= chunk.length;
        if (budget.left < 0) {
          stream.destroy();
          reject(tooLarge(limits));
        } else if (size > entry.uncompressedSize) {
          stream.destroy();
          reject(new Error('zip directory sizes do not match the content'));
        }
      });
      stream.on('error', reject);
      stream.on('end', () => resolve());
    });
  });
}

/** Throws a clear 413/422/400 unless the .xlsx unpacks within the bounds. */
export async function checkXlsxZip(bytes: Buffer, filename: string, limits: ExcelLimits): Promise<void> {
  if (bytes.length > limits.fileBytes)
    throw appError(
      'PAYLOAD_TOO_LARGE',
      `Excel 文件超过 ${limits.fileBytes / 1024 / 1024} MB 上限，请拆分后再导入`,
    );
  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch {
    throw unreadable(filename);
  }
  const budget = { left: limits.unpackedBytes };
  let entries = 0;
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (++entries > limits.zipEntries)
        throw appError('TASK_IMPORT_TOO_LARGE', `Excel 文件中的部件超过 ${limits.zipEntries} 个，无法导入`);
      if (entry.uncompressedSize > budget.left) throw tooLarge(limits);
      await measure(zip, entry, budget, limits);
    }
  } catch (error) {
    if (
      error instanceof Error &&
      'code' in error &&
      typeof error.code === 'string' &&
      error.code.startsWith('TASK_IMPORT')
    )
      throw error;
    throw unreadable(filename);
  } finally {
    zip.close();
  }
}
