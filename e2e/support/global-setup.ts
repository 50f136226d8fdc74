import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { demoDataDir } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    demoDataDir: string;
  }
}

// Creating the demo workspace (organisation, accounts, the demo year's history) is most of a server's
// first start. It is done once per run, by a real `luoshi serve` on a fresh folder; each spec file with
// the default settings starts its server on a copy of that folder (docs/decisions/e2e-parallel-files.md).
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = await demoDataDir();
  project.provide('demoDataDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
