// The names of the streams at the root of an OLE compound file (CFB: the container of .doc, .xls, .wps,
// .et, and also of .msi installers and .msg mails). file-type recognises the container only, so which
// document it holds is told by its root streams: WordDocument (Word, WPS 文字), Workbook or Book (Excel,
// WPS 表格). Only the header, the FAT sectors on the way and the directory sectors are read, with
// positional reads: a 20 MB file is never loaded whole. Layout: [MS-CFB] §2.2 (header), §2.6 (directory).
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';

const SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const END_OF_CHAIN = 0xfffffffe;
const NO_STREAM = 0xffffffff;
const ENTRY_BYTES = 128;
// A directory of more sectors than this is not an office document worth reading (and may be a loop).
const MAX_DIRECTORY_SECTORS = 256;
const MAX_ROOT_ENTRIES = 4096;

/** The root stream and storage names of a CFB file, or null when it is not one (or is malformed). */
export async function oleRootNames(file: string): Promise<string[] | null> {
  const fh = await open(file, 'r');
  try {
    return await readRootNames(fh);
  } catch {
    return null;
  } finally {
    await fh.close();
  }
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) throw new Error('truncated compound file');
  return buf;
}

async function readRootNames(fh: FileHandle): Promise<string[] | null> {
  const header = await readAt(fh, 0, 512);
  if (!header.subarray(0, 8).equals(SIGNATURE)) return null;
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorAt = (n: number) => (n + 1) * sectorSize;

  // The FAT sector holding entry `index`: the first 109 are listed in the header, the rest in the
  // DIFAT chain (each of its sectors lists perSector - 1 and points to the next).
  const fatSectorCache = new Map<number, Buffer>();
  async function fatSectorLocation(index: number): Promise<number> {
    if (index < 109) return header.readUInt32LE(0x4c + index * 4);
    let difat = header.readUInt32LE(0x44);
    let rest = index - 109;
    for (let hops = 0; hops < 1024; hops++) {
      const sector = await readAt(fh, sectorAt(difat), sectorSize);
      if (rest < perSector - 1) return sector.readUInt32LE(rest * 4);
      rest -= perSector - 1;
      difat = sector.readUInt32LE((perSector - 1) * 4);
    }
    throw new Error('DIFAT chain too long');
  }
  async function nextSector(n: number): Promise<number> {
    const index = Math.floor(n / perSector);
    let fat = fatSectorCache.get(index);
    if (!fat) {
      fat = await readAt(fh, sectorAt(await fatSectorLocation(index)), sectorSize);
      fatSectorCache.set(index, fat);
    }
    return fat.readUInt32LE((n % perSector) * 4);
  }

  // The directory: a chain of sectors of 128-byte entries; entry 0 is the root storage.
  const sectors: Buffer[] = [];
  for (let n = header.readUInt32LE(0x30); n !== END_OF_CHAIN; n = await nextSector(n)) {
    if (sectors.length >= MAX_DIRECTORY_SECTORS) throw new Error('directory too long');
    sectors.push(await readAt(fh, sectorAt(n), sectorSize));
  }
  const directory = Buffer.concat(sectors);
  const entryCount = Math.floor(directory.length / ENTRY_BYTES);
  const entry = (id: number) => directory.subarray(id * ENTRY_BYTES, (id + 1) * ENTRY_BYTES);
  if (entryCount === 0 || entry(0)[0x42] !== 5) return null;

  // The root's children form a red-black tree through left and right sibling ids.
  const names: string[] = [];
  const seen = new Set<number>();
  const pending = [entry(0).readUInt32LE(0x4c)];
  while (pending.length) {
    const id = pending.pop()!;
    if (id === NO_STREAM || id >= entryCount || seen.has(id)) continue;
    if (seen.size >= MAX_ROOT_ENTRIES) throw new Error('too many entries');
    seen.add(id);
    const e = entry(id);
    const nameBytes = Math.min(e.readUInt16LE(0x40), 64);
    names.push(
      e
        .subarray(0, Math.max(0, nameBytes - 2))
        .toString('utf16le')
        .replace(/\0+$/, ''),
    );
    pending.push(e.readUInt32LE(0x44), e.readUInt32LE(0x48));
  }
  return names;
}
