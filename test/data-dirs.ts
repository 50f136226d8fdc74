import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Temporary data folders for test configs. Whatever a test did not remove itself goes after its file
// (test/setup.ts), so runs leave nothing behind in the temp folder.
const dataDirs = new Set<string>();

export function makeTestDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-test-data-'));
  dataDirs.add(dir);
  return dir;
}

export function removeTestDataDirs() {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  dataDirs.clear();
}
