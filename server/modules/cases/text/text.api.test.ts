// Proposals' text through the API, on both databases: similar earlier proposals at review (the index is
// written when a proposal is submitted and emptied when it is withdrawn), and a draft read from .docx.
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';
import { act, type CaseOut } from '../testing/case.fixtures.ts';
import type { ProposalText } from './similar.ts';
import { SIMILAR_MIN_SCORE } from './similar.service.ts';
import { HAND_WRITTEN, UNRELATED } from './testing/proposals.ts';

function multipart(filename: string, content: Buffer) {
  const boundary = '----luoshi-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

interface Similar {
  items: { id: number; title: string; score: number }[];
}

describe.each(DIALECTS)('proposal text: similar and .docx import (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let submitter: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    submitter = await world.signIn('submitter');
  });
  afterAll(() => t.close());

  async function submitted(text: ProposalText): Promise<CaseOut> {
    const [situation, analysis, suggestions] = text.parts;
    const res = await submitter.post(
      '/api/cases',
      { type: 'proposal', title: text.title, content: { situation, analysis, suggestions } },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    return act(submitter, res.json<CaseOut>().id, 'submit');
  }

  it('lists the earlier proposal a reworded one repeats first, and forgets a withdrawn one', async () => {
    const originals = [];
    for (const h of HAND_WRITTEN) originals.push(await submitted(h.original));
    await submitted(UNRELATED);
    const reworded = HAND_WRITTEN[0]!.reworded;
    const joined = {
      title: reworded.title,
      parts: [reworded.parts[0]!, reworded.parts[1]!, reworded.parts.slice(2).join('\n')],
    };
    t.clock.set(new Date('2026-03-02T09:05:00+08:00'));
    const later = await submitted(joined);

    const res = await staff.get(`/api/cases/${later.id}/similar`);
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json<Similar>();
    expect(items[0]).toMatchObject({ id: originals[0]!.id, title: HAND_WRITTEN[0]!.original.title });
    // Six proposals in all: the idf tells less than among hundreds, so the score is lower than in similar.test.ts.
    expect(items[0]!.score).toBeGreaterThan(0.3);
    expect(items.map((i) => i.id)).not.toContain(later.id);
    // Only meaningful matches: nothing that shares no more than common words.
    for (const i of items) expect(i.score).toBeGreaterThanOrEqual(SIMILAR_MIN_SCORE);
    // Only earlier proposals: the later one is not similar to the original's review.
    const earlier = (await staff.get(`/api/cases/${originals[0]!.id}/similar`)).json<Similar>();
    expect(earlier.items.map((i) => i.id)).not.toContain(later.id);

    // A submitter may not search (staff's review tool).
    expect((await submitter.get(`/api/cases/${later.id}/similar`)).statusCode).toBe(403);

    await act(submitter, originals[0]!.id, 'withdraw');
    const after = (await staff.get(`/api/cases/${later.id}/similar`)).json<Similar>();
    expect(after.items.map((i) => i.id)).not.toContain(originals[0]!.id);
  });

  it('reads a proposal .docx into the draft fields and saves nothing', async () => {
    const before = await t.db.kysely
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const { original } = HAND_WRITTEN[3]!;
    const docx = await Packer.toBuffer(
      new Document({
        sections: [{ children: [original.title, ...original.parts].map((line) => new Paragraph(line)) }],
      }),
    );
    const res = await submitter.request({
      method: 'POST',
      url: '/api/cases/import-docx',
      ...multipart('提案.docx', docx),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      title: original.title,
      situation: expect.stringMatching(/^我省现有高职院校/) as string,
      analysis: expect.stringMatching(/^一是企业参与职业教育/) as string,
      suggestions: expect.stringMatching(/^（一）落实产教融合型企业税收优惠/) as string,
      warnings: [],
    });

    const bad = await submitter.request({
      method: 'POST',
      url: '/api/cases/import-docx',
      ...multipart('提案.docx', Buffer.from('不是 Word')),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'PROPOSAL_DOCX_UNREADABLE', details: { problem: 'NOT_DOCX' } });
    const json = await submitter.post('/api/cases/import-docx', {});
    expect(json.statusCode).toBe(400);

    const after = await t.db.kysely
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
