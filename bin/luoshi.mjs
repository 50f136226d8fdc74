#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader: there is no separate server build step.
import { register } from 'tsx/esm/api';

register();
const { runMain } = await import('../server/main.ts');
await runMain();
