// Whether dist-server/main.js (the compiled server) is newer than every source file under server/. The
// CLI runs the compiled server only then, so an edited source is never shadowed by an old build.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SERVER_BUNDLE = path.join(ROOT, 'dist-server', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function serverBuildIsFresh() {
  if (!fs.existsSync(SERVER_BUNDLE)) return false;
  return fs.statSync(SERVER_BUNDLE).mtimeMs >= newestMtime(path.join(ROOT, 'server'));
}
