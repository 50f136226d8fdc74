#!/usr/bin/env node
// Runs the compiled server (dist-server/main.js, built by `npm run build` and before `npm start`) when it
// is at least as new as the sources; otherwise the TypeScript sources through tsx's loader, as in
// development and tests.
import { pathToFileURL } from 'node:url';
import { SERVER_BUNDLE, serverBuildIsFresh } from '../scripts/server-build.mjs';

let main;
if (serverBuildIsFresh()) {
  main = await import(pathToFileURL(SERVER_BUNDLE).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  main = await import('../server/main.ts');
}
await main.runMain();
