// Which files may be kept as evidence, told by their content, never by their name
// (docs/decisions/evidence-store.md). file-type names most formats by their magic bytes and, for zip
// containers, by their parts (.docx, .xlsx); it names the OLE container of .doc/.xls/.wps/.et only as a
// container (cfb), so the root streams decide (ole.ts); and it does not know OFD, a zip whose root holds
// OFD.xml (GB/T 33190), which is checked here.
import { fileTypeFromFile } from 'file-type';
import yauzl, { type ZipFile } from 'yauzl';
import { oleRootNames } from './ole.ts';

export type EvidenceKind = 'pdf' | 'word' | 'excel' | 'ofd' | 'jpeg' | 'png';

export interface EvidenceType {
  kind: EvidenceKind;
  mime: string;
  /** Extensions a file of this content may carry; the first is used when its name has none of them. */
  extensions: readonly string[];
}

export type Detection = { allowed: true; type: EvidenceType } | { allowed: false; detected: string };

const PDF: EvidenceType = { kind: 'pdf', mime: 'application/pdf', extensions: ['pdf'] };
const DOCX: EvidenceType = {
  kind: 'word',
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extensions: ['docx', 'wps'],
};
const XLSX: EvidenceType = {
  kind: 'excel',
  mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extensions: ['xlsx', 'et'],
};
// A Word binary document: .doc, and WPS 文字's .wps, which is the same format.
const DOC: EvidenceType = { kind: 'word', mime: 'application/msword', extensions: ['doc', 'wps', 'dot'] };
// An Excel binary workbook (BIFF): .xls, and WPS 表格's .et, which is the same format.
const XLS: EvidenceType = { kind: 'excel', mime: 'application/vnd.ms-excel', extensions: ['xls', 'et'] };
const OFD: EvidenceType = { kind: 'ofd', mime: 'application/ofd', extensions: ['ofd'] };
const JPEG: EvidenceType = { kind: 'jpeg', mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] };
const PNG: EvidenceType = { kind: 'png', mime: 'image/png', extensions: ['png'] };

/** For messages: what may be uploaded. */
export const ALLOWED_DESCRIPTION =
  'PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）、WPS（.wps/.et）、OFD、JPEG、PNG';

/** The allowed type of the file's content, or what was found instead (in words for the message). */
export async function detectEvidenceType(file: string): Promise<Detection> {
  const found = await fileTypeFromFile(file);
  if (!found) return { allowed: false, detected: '无法识别的内容（如纯文本、HTML 或脚本）' };
  switch (found.ext) {
    case 'pdf':
      return { allowed: true, type: PDF };
    case 'jpg':
      return { allowed: true, type: JPEG };
    case 'png':
      return { allowed: true, type: PNG };
    case 'docx':
      return { allowed: true, type: DOCX };
    case 'xlsx':
      return { allowed: true, type: XLSX };
    case 'cfb': {
      const names = (await oleRootNames(file)) ?? [];
      if (names.includes('WordDocument')) return { allowed: true, type: DOC };
      if (names.includes('Workbook') || names.includes('Book')) return { allowed: true, type: XLS };
      return { allowed: false, detected: 'OLE 复合文档，但不是 Word、Excel 或 WPS 文档（如安装包、邮件）' };
    }
    case 'zip':
      if (await zipHasRootEntry(file, 'OFD.xml')) return { allowed: true, type: OFD };
      return { allowed: false, detected: 'ZIP 压缩包（不是 OFD 或 Office 文档）' };
    default:
      return { allowed: false, detected: `${found.ext.toUpperCase()} 文件（${found.mime}）` };
  }
}

// A zip's central directory, walked entry by entry (nothing is inflated), up to a bound.
const MAX_ZIP_ENTRIES = 10_000;

async function zipHasRootEntry(file: string, name: string): Promise<boolean> {
  let zip: ZipFile;
  try {
    zip = await new Promise<ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: true }, (err, z) => (err ? reject(err) : resolve(z))),
    );
  } catch {
    return false;
  }
  return new Promise<boolean>((resolve) => {
    let seen = 0;
    const finish = (found: boolean) => {
      try {
        zip.close();
      } catch {
        // already closed after an error: nothing left to release
      }
      resolve(found);
    };
    zip.on('entry', (entry: { fileName: string }) => {
      if (entry.fileName === name) return finish(true);
      if (++seen >= MAX_ZIP_ENTRIES) return finish(false);
      zip.readEntry();
    });
    zip.on('end', () => resolve(false));
    zip.on('error', () => finish(false));
    zip.readEntry();
  });
}
