import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { ACTION_LABELS, OBJECT_LABELS, OUTCOME_LABELS } from '../../core/audit/audit.catalogue.ts';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(file);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [file] : [];
  });
}

// Every `<resource>.<verb>` literal on a line that sets an audit action, across the server's code. The
// recorder's event type (AuditAction) also refuses an unnamed action at compile time, including actions
// built from a template (plan.${how}); this test keeps the rule when only the tests run.
function recordedActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(serverDir)) {
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!/\baction\b/.test(line)) return;
        for (const m of line.matchAll(/'([a-z]+(?:\.[a-z_]+)+)'/g))
          found.set(m[1]!, `${path.relative(serverDir, file)}:${i + 1}`);
      });
  }
  return found;
}

describe('the audit catalogue', () => {
  it('names every action the server records, in Chinese', () => {
    const actions = recordedActions();
    expect(actions.size).toBeGreaterThan(30);
    const unnamed = [...actions]
      .filter(([a]) => !(a in ACTION_LABELS))
      .map(([a, where]) => `${a} (${where})`);
    expect(unnamed).toEqual([]);
  });

  it('names withdrawal and repeal, whose action is built from a template', () => {
    expect(ACTION_LABELS['plan.withdraw']).toBe('撤回工作要点');
    expect(ACTION_LABELS['plan.repeal']).toBe('废止工作要点');
  });
});

describe('GET /api/audit/labels', () => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('gives the audit page the catalogue itself, so the page keeps no copy', async () => {
    const res = await (await world.signIn('auditor')).get('/api/audit/labels');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ actions: ACTION_LABELS, objects: OBJECT_LABELS, outcomes: OUTCOME_LABELS });
  });
});
