// The similarity index kept in line with the cases, on both databases: proposals submitted before the
// index existed are indexed by `reindexProposals` (the `luoshi cases reindex` command; on SQLite also
// through the command line itself), a merged proposal leaves the index and is not offered as similar,
// running it again changes nothing, and the index rows carry foreign keys to cases.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';
import { runCli } from '../../../main.ts';
import { act, person, unitIds, type CaseOut } from '../testing/case.fixtures.ts';
import { reindexProposals } from './similar.reindex.ts';
import type { ProposalText } from './similar.ts';
import { HAND_WRITTEN, UNRELATED } from './testing/proposals.ts';

interface Similar {
  items: { id: number }[];
}

class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe.each(DIALECTS)('similarity index reindex (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let submitter: Agent;
  let other: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    submitter = await world.signIn('submitter');
    const unit = await unitIds(t);
    other = (await person(t, 'minjian_re', unit['民建山东省委会']!, 'submitter')).agent;
  });
  afterAll(() => t.close());

  async function submitted(agent: Agent, text: ProposalText): Promise<CaseOut> {
    const [situation, analysis, suggestions] = text.parts;
    const res = await agent.post(
      '/api/cases',
      { type: 'proposal', title: text.title, content: { situation, analysis, suggestions } },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    return act(agent, res.json<CaseOut>().id, 'submit');
  }
  const similarIds = async (id: number) =>
    (await staff.get(`/api/cases/${id}/similar`)).json<Similar>().items.map((i) => i.id);
  const indexed = async () =>
    (await t.db.kysely.selectFrom('proposal_index').select('case_id').orderBy('case_id').execute()).map(
      (r) => r.case_id,
    );

  it('indexes proposals from before the index, keeps merged ones out, and changes nothing when run again', async () => {
    const original = await submitted(submitter, HAND_WRITTEN[0]!.original);
    const unrelated = await submitted(submitter, UNRELATED);
    // The index as it was before these proposals were indexed on submission: empty.
    await t.db.kysely.deleteFrom('proposal_terms').execute();
    await t.db.kysely.deleteFrom('proposal_index').execute();
    await t.db.kysely.deleteFrom('proposal_term_frequencies').execute();

    const first = await reindexProposals(t.db.kysely, { now: t.clock.now() });
    expect(first).toEqual({ indexed: 2, removed: 0, total: 2 });
    expect(await indexed()).toEqual([original.id, unrelated.id]);

    t.clock.set(new Date('2026-03-02T09:05:00+08:00'));
    const reworded = HAND_WRITTEN[0]!.reworded;
    const duplicate = await submitted(other, {
      title: reworded.title,
      parts: [reworded.parts[0]!, reworded.parts[1]!, reworded.parts.slice(2).join('\n')],
    });
    t.clock.set(new Date('2026-03-02T09:10:00+08:00'));
    const third = await submitted(submitter, HAND_WRITTEN[0]!.reworded);
    expect((await similarIds(third.id)).slice(0, 2).sort()).toEqual([original.id, duplicate.id].sort());

    // Merged into the original: out of the index, not offered as similar any more.
    await act(staff, original.id, 'accept');
    await act(staff, duplicate.id, 'merge', { mainId: original.id });
    expect(await indexed()).not.toContain(duplicate.id);
    expect(await similarIds(third.id)).not.toContain(duplicate.id);
    expect(await similarIds(third.id)).toContain(original.id);

    const again = await reindexProposals(t.db.kysely, { now: t.clock.now() });
    expect(again).toEqual({ indexed: 0, removed: 0, total: 3 });
    // Rebuilt from the cases: the same proposals, the same answer.
    const rebuilt = await reindexProposals(t.db.kysely, { now: t.clock.now(), rebuild: true });
    expect(rebuilt).toEqual({ indexed: 3, removed: 3, total: 3 });
    expect(await indexed()).toEqual([original.id, unrelated.id, third.id]);
    expect((await similarIds(third.id))[0]).toBe(original.id);
  });

  it('refuses an index row for a case that does not exist (foreign key)', async () => {
    await expect(
      t.db.kysely.insertInto('proposal_index').values({ case_id: 999_999, indexed_at: 'x' }).execute(),
    ).rejects.toThrow();
    await expect(
      t.db.kysely.insertInto('proposal_terms').values({ term: '测试', case_id: 999_999 }).execute(),
    ).rejects.toThrow();
  });

  it.runIf(dialect === 'sqlite')('runs as `luoshi cases reindex` and is audited', async () => {
    await t.db.kysely.deleteFrom('proposal_terms').execute();
    await t.db.kysely.deleteFrom('proposal_index').execute();
    await t.db.kysely.deleteFrom('proposal_term_frequencies').execute();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-reindex-'));
    const stdout = new Collected();
    const stderr = new Collected();
    const env = {
      ...process.env,
      DATABASE_URL: t.db.location,
      DATA_DIR: dir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
    };
    const code = await runCli(['cases', 'reindex'], { stdin: Readable.from([]), stdout, stderr, env });
    expect(code, stderr.text).toBe(0);
    expect(stdout.text).toContain('3 indexed, 0 removed, 3 in the index');
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'case.reindex')
      .execute();
    expect(audit).toHaveLength(1);
    const usage = await runCli(['cases', 'reindex', 'extra'], {
      stdin: Readable.from([]),
      stdout,
      stderr,
      env,
    });
    expect(usage).toBe(2);
  });
});
