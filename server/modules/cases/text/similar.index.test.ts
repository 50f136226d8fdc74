import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../../../test/db.ts';
import type { ProposalText } from './similar.ts';
import { indexProposal, removeProposal, similarProposals } from './similar.index.ts';
import { distractors, HAND_WRITTEN, nearDistractors, UNRELATED } from './testing/proposals.ts';

// The stored term index on a real database: 247 earlier proposals indexed one by one as if submitted,
// then each hand-written proposal's rewording looked up.
describe.each(DIALECTS)('similar proposals through the stored index (%s)', (dialect) => {
  let db: TestDb;
  const texts = new Map<number, ProposalText>();
  const originals = new Map<string, number>();
  const loadTexts = (ids: number[]) => Promise.resolve(new Map(ids.map((id) => [id, texts.get(id)!])));

  beforeAll(async () => {
    // The index alone, on the schema before its foreign keys to cases (2026-12-04T04-proposal-index-keys):
    // these 247 texts have no case rows. similar.reindex.api.test.ts covers the index over real cases.
    db = await createTestDb(dialect, '2026-12-04T04-case-meeting-organiser');
    const earlier = [...distractors(240), ...nearDistractors(), ...HAND_WRITTEN.map((h) => h.original)];
    earlier.forEach((text, i) => texts.set(i + 1, text));
    HAND_WRITTEN.forEach((h, i) => originals.set(h.name, earlier.length - HAND_WRITTEN.length + i + 1));
    for (const [id, text] of texts)
      await db.kysely
        .transaction()
        .execute((trx) => indexProposal(trx, id, text, new Date('2026-03-01T08:00:00Z')));
  }, 120_000);
  afterAll(() => db.close());

  it.each(HAND_WRITTEN.map((h) => [h.name, h] as const))(
    'finds the reworded %s proposal first',
    async (name, h) => {
      const matches = await similarProposals(db.kysely, h.reworded, { scope: null, loadTexts, top: 3 });
      expect(matches[0]).toEqual({ id: originals.get(name), score: expect.any(Number) as number });
      expect(matches[0]!.score).toBeGreaterThan(0.5);
    },
  );

  it('scores an unrelated proposal low', async () => {
    const [best] = await similarProposals(db.kysely, UNRELATED, { scope: null, loadTexts, top: 1 });
    expect(best?.score ?? 0).toBeLessThan(0.15);
  });

  it('returns only proposals in the scope the caller gives', async () => {
    const original = originals.get('养老服务')!;
    const matches = await similarProposals(db.kysely, HAND_WRITTEN[2]!.reworded, {
      scope: (eb) => eb('proposal_terms.case_id', '<', original),
      loadTexts,
    });
    expect(matches.map((m) => m.id)).not.toContain(original);
    expect(matches.every((m) => m.id < original)).toBe(true);
  });

  it('takes a proposal out of the index, frequencies included, and can put it back', async () => {
    const id = originals.get('职业教育')!;
    const before = await db.kysely
      .selectFrom('proposal_term_frequencies')
      .select(['term', 'documents'])
      .execute();
    await db.kysely.transaction().execute((trx) => removeProposal(trx, id, texts.get(id)!));
    const matches = await similarProposals(db.kysely, HAND_WRITTEN[3]!.reworded, { scope: null, loadTexts });
    expect(matches.map((m) => m.id)).not.toContain(id);
    await db.kysely.transaction().execute((trx) => indexProposal(trx, id, texts.get(id)!, new Date()));
    const after = await db.kysely
      .selectFrom('proposal_term_frequencies')
      .select(['term', 'documents'])
      .execute();
    const byTerm = (rows: { term: string; documents: number }[]) =>
      Object.fromEntries(rows.map((r) => [r.term, Number(r.documents)]));
    expect(byTerm(after)).toEqual(byTerm(before));
    await expect(
      db.kysely.transaction().execute((trx) => indexProposal(trx, id, texts.get(id)!, new Date())),
    ).rejects.toThrow(/indexed already/);
  });

  it('keeps 64 postings per proposal', async () => {
    const row = await db.kysely
      .selectFrom('proposal_terms')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(row.n)).toBeLessThanOrEqual(texts.size * 64);
    expect(Number(row.n)).toBeGreaterThan(texts.size * 30);
  });
});
