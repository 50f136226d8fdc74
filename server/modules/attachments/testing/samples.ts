// Small real files of every allowed type, made in the test (no binary fixtures to trust), and hostile
// ones that carry an allowed name.
import fs from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import CFB from 'cfb';
import ExcelJS from 'exceljs';
import { makeZip } from '../../plans/import/testing/zip.ts';

export function pdf(text = 'Luoshi evidence'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>',
    `<< /Length ${text.length + 23} >>\nstream\nBT /F1 12 Tf (${text}) Tj ET\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const ROOT_DIR = path.resolve(import.meta.dirname, '../../../..');

export function docx(): Buffer {
  return fs.readFileSync(path.join(ROOT_DIR, 'test/fixtures/plans/city-2023.docx'));
}

export async function xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('任务分解表').addRow(['序号', '具体任务']).commit();
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** An OLE compound file with these root streams (a .doc has WordDocument, a .xls Workbook). */
function ole(streams: Record<string, Buffer>): Buffer {
  const container = CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) CFB.utils.cfb_add(container, `/${name}`, data);
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

export const doc = () =>
  ole({ WordDocument: Buffer.alloc(4096, 0xec), '1Table': Buffer.alloc(4096, 1), Data: Buffer.alloc(64) });
export const xls = () =>
  ole({ Workbook: Buffer.alloc(8192, 0x09), '\u0005SummaryInformation': Buffer.alloc(64) });
// An installer package is an OLE container too; its streams are not a document's.
export const msi = () => ole({ '\u4840\u3b3f\u4577': Buffer.alloc(4096, 7), Binary: Buffer.alloc(4096, 3) });

/** An OFD (GB/T 33190): a zip whose root holds OFD.xml. */
export function ofd(): Buffer {
  const ofdXml =
    '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>';
  const document =
    '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>1</ofd:MaxUnitID></ofd:CommonData></ofd:Document>';
  return makeZip([
    { name: 'OFD.xml', data: Buffer.from(ofdXml) },
    { name: 'Doc_0/Document.xml', data: Buffer.from(document) },
  ]);
}

export const plainZip = () => makeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]);

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A 1×1 grey PNG. */
export function png(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 1×1 grey baseline JPEG: one block, DC 0, end of block; one-code Huffman tables. */
export function jpeg(): Buffer {
  const segment = (marker: number, data: number[]) => [
    0xff,
    marker,
    (data.length + 2) >> 8,
    (data.length + 2) & 0xff,
    ...data,
  ];
  const bytes = [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    // DC table 0 and AC table 0, each one 1-bit code: category 0, and end of block.
    ...segment(0xc4, [0x00, 1, ...Array<number>(15).fill(0), 0]),
    ...segment(0xc4, [0x10, 1, ...Array<number>(15).fill(0), 0]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f,
    0xff,
    0xd9,
  ];
  return Buffer.from(bytes);
}

/** A Windows executable's first bytes (MZ header and PE signature). */
export function exe(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

export const html = () =>
  Buffer.from('<!doctype html><html><body><script>fetch("/api/auth/me")</script></body></html>');
