// Fails when a package in package-lock.json declares an engines.node range that excludes the oldest
// Node.js version Luoshi supports (package.json's own engines.node), which npm would report as EBADENGINE
// on that version. Runs on any Node version, so CI on a newer Node still catches it.
import fs from 'node:fs';
import semver from 'semver';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const oldest = semver.minVersion(pkg.engines.node);
const misfits = Object.entries(lock.packages)
  .filter(([where, meta]) => where && meta.engines?.node && !semver.satisfies(oldest, meta.engines.node))
  .map(
    ([where, meta]) =>
      `  ${where.replace(/^node_modules\//, '')}@${meta.version} needs node ${meta.engines.node}`,
  );
if (misfits.length) {
  console.error(
    `Packages that do not support Node.js ${oldest} (package.json engines.node ${pkg.engines.node}):`,
  );
  console.error(misfits.join('\n'));
  process.exitCode = 1;
} else {
  console.log(`engines: every locked package supports Node.js ${oldest}`);
}
