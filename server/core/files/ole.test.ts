import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import CFB from 'cfb';
import { afterAll, describe, expect, it } from 'vitest';
import { oleRootNames } from './ole.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-ole-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Buffer | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

function compound(streams: Record<string, Buffer>): Buffer {
  const container = CFB.utils.cfb_new();
  for (const [name, data] of Object.entries(streams)) CFB.utils.cfb_add(container, `/${name}`, data);
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

describe('OLE root stream names', () => {
  it('lists the root streams of a compound file written by another library', async () => {
    const file = write(
      'a.doc',
      compound({ WordDocument: Buffer.alloc(5000, 1), '1Table': Buffer.alloc(10) }),
    );
    expect((await oleRootNames(file))?.sort()).toEqual(expect.arrayContaining(['1Table', 'WordDocument']));
  });

  it("follows the DIFAT when the directory lies past the sectors the header's FAT list covers", async () => {
    // 9 MB of 512-byte sectors needs more FAT sectors than the 109 the header lists; the rest are in
    // the DIFAT. The writer puts the directory early, so move it to a new last sector, whose FAT entry
    // lies in a FAT sector found through the DIFAT.
    const big = compound({ Workbook: Buffer.alloc(9 * 1024 * 1024, 2), Other: Buffer.alloc(100) });
    const sectorSize = 512;
    expect(big.readUInt32LE(0x48), 'DIFAT sectors').toBeGreaterThan(0);
    const at = (n: number) => (n + 1) * sectorSize;
    const oldDir = big.readUInt32LE(0x30);
    const moved = Buffer.concat([big, big.subarray(at(oldDir), at(oldDir) + sectorSize)]);
    const newDir = moved.length / sectorSize - 2;
    const fatIndex = Math.floor(newDir / 128);
    expect(fatIndex).toBeGreaterThanOrEqual(109);
    const difat = moved.readUInt32LE(0x44);
    const fatSector = moved.readUInt32LE(at(difat) + (fatIndex - 109) * 4);
    moved.writeUInt32LE(0xfffffffe, at(fatSector) + (newDir % 128) * 4);
    moved.writeUInt32LE(newDir, 0x30);
    // The old directory sector is wiped, so only the moved copy can give the names.
    moved.fill(0, at(oldDir), at(oldDir) + sectorSize);
    expect(await oleRootNames(write('big.xls', moved))).toEqual(
      expect.arrayContaining(['Workbook', 'Other']),
    );
  });

  it('answers null for what is not a compound file, or a truncated one', async () => {
    expect(await oleRootNames(write('x.txt', Buffer.from('hello')))).toBeNull();
    const whole = compound({ WordDocument: Buffer.alloc(5000, 1) });
    expect(await oleRootNames(write('cut.doc', whole.subarray(0, 600)))).toBeNull();
  });

  it('stops on a directory chain that loops', async () => {
    const looped = compound({ WordDocument: Buffer.alloc(100, 1) });
    // Point the directory's first sector back at itself in the FAT.
    const shift = looped.readUInt16LE(0x1e);
    const sectorSize = 1 << shift;
    const dirSector = looped.readUInt32LE(0x30);
    const fatSector = looped.readUInt32LE(0x4c);
    looped.writeUInt32LE(dirSector, (fatSector + 1) * sectorSize + dirSector * 4);
    expect(await oleRootNames(write('loop.doc', looped))).toBeNull();
  });
});
