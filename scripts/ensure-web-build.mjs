// Builds the web app when dist/ is missing or older than its sources, so `npm start` on a fresh clone
// serves the UI without a separate build command.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const index = path.join(root, 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
if (builtAt < newestMtime(path.join(root, 'web'))) {
  console.log('构建前端 / building the web app …');
  execSync('npx vite build --config web/vite.config.ts --logLevel warn', { cwd: root, stdio: 'inherit' });
}
