// The ledger's pages and statistics are kept in the read cache while nothing is written (docs/decisions/
// training-pairing-read-cache.md). These tests warm the cache and prove that no kept answer outlives a
// change: a pairing entered or reviewed through the app, or changed through a second connection (another
// process, the console), is answered as it now is on the very next request, and readers of different
// scope asking the same query never get each other's answer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS, secondConnection } from '../../../test/db.ts';
import { federationWithEnterprise, type Federation } from './testing/pairing.fixtures.ts';

interface Row {
  id: number;
  version: number;
  title: string;
  status: string;
  investedWan: string;
}
interface Ledger {
  items: Row[];
  counts: { submitted: number; approved: number; rejected: number };
}
interface Stats {
  totals: { pairings: number; investedWan: string };
}

// 历下区 解放桥社区 (济南), 崂山区 盐滩社区 (青岛).
const LIXIA = '370102001002';
const QINGDAO = '370211001001';
const LEDGER = '/api/pairings?year=2026&limit=20';
const STATS = '/api/pairings/statistics?year=2026&area=37';

describe.each(DIALECTS)('the pairing ledger and statistics are never stale (%s)', (dialect) => {
  let t: TestApp;
  let other: Db;
  let staff: Agent;
  let jinan: Agent;
  let qingdao: Agent;
  let gsl: Federation;
  let lixiaRow: Row;

  const read = async <T>(agent: Agent, url: string) => {
    const res = await agent.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const enter = async (villageCode: string, title: string) => {
    const res = await gsl.contact.post(
      '/api/pairings',
      {
        year: 2026,
        enterpriseId: gsl.enterpriseId,
        villageCode,
        projectType: 'industry',
        title,
        investedWan: '10',
        peopleHelped: 5,
        jobsCreated: 1,
        incomeWan: '1',
      },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Row>();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-06-01T10:00:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    jinan = await world.signIn('jinan_staff');
    qingdao = await world.signIn('qingdao_staff');
    gsl = await federationWithEnterprise(t, staff, {
      unitName: '山东省工商业联合会',
      federation: '山东省工商联',
      enterprise: '山东某农业科技有限公司',
      regionCode: '370000',
      username: 'gsl_cache',
    });
    lixiaRow = await enter(LIXIA, '历下结对项目');
    const res = await staff.request({
      method: 'POST',
      url: `/api/pairings/${lixiaRow.id}/review`,
      payload: { decision: 'approve' },
      ifMatch: lixiaRow.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    other = secondConnection(t.db, dialect);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  beforeEach(async () => {
    // Warm the caches: the same questions asked three times answer the same.
    for (const url of [LEDGER, STATS]) {
      const first = await read(staff, url);
      expect(await read(staff, url)).toEqual(first);
      expect(await read(staff, url)).toEqual(first);
    }
  });

  it('a pairing entered through the app is listed and counted on the very next request', async () => {
    const before = await read<Ledger>(staff, LEDGER);
    const added = await enter(QINGDAO, '青岛结对项目');
    const after = await read<Ledger>(staff, LEDGER);
    expect(after.items.map((r) => r.id)).toContain(added.id);
    expect(after.counts.submitted).toBe(before.counts.submitted + 1);
    // Reviewed through the app: the statistics count it at once.
    const stats = await read<Stats>(staff, STATS);
    const res = await staff.request({
      method: 'POST',
      url: `/api/pairings/${added.id}/review`,
      payload: { decision: 'approve' },
      ifMatch: added.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await read<Stats>(staff, STATS)).totals.pairings).toBe(stats.totals.pairings + 1);
  });

  it('a pairing changed through another connection is answered as it now is', async () => {
    const stats = await read<Stats>(staff, STATS);
    await other.kysely
      .updateTable('pairings')
      .set({ title: '另一个进程改的名称', invested_fen: '12345000000' })
      .where('id', '=', lixiaRow.id)
      .execute();
    const row = (await read<Ledger>(staff, LEDGER)).items.find((r) => r.id === lixiaRow.id);
    expect(row).toMatchObject({ title: '另一个进程改的名称', investedWan: '12345.00' });
    const moved = await read<Stats>(staff, STATS);
    expect(moved.totals.pairings).toBe(stats.totals.pairings);
    expect(moved.totals.investedWan).not.toBe(stats.totals.investedWan);
    // Deleted there: gone here.
    await other.kysely.deleteFrom('pairing_updates').where('pairing_id', '=', lixiaRow.id).execute();
    await other.kysely.deleteFrom('pairings').where('id', '=', lixiaRow.id).execute();
    expect((await read<Ledger>(staff, LEDGER)).items.map((r) => r.id)).not.toContain(lixiaRow.id);
    expect((await read<Stats>(staff, STATS)).totals.pairings).toBe(stats.totals.pairings - 1);
  });

  it('readers of different scope asking the same query never get each other’s answer', async () => {
    const mine = await enter(LIXIA, '历下第二个结对项目');
    const ids = async (agent: Agent) => (await read<Ledger>(agent, LEDGER)).items.map((r) => r.id);
    for (let i = 0; i < 2; i++) {
      expect(await ids(staff)).toContain(mine.id);
      expect(await ids(jinan)).toContain(mine.id);
      expect(await ids(qingdao)).not.toContain(mine.id);
      expect(await ids(gsl.contact)).toContain(mine.id);
    }
    const jinanStats = await read<Stats>(jinan, STATS);
    const provinceStats = await read<Stats>(staff, STATS);
    expect(jinanStats.totals.pairings).toBeLessThan(provinceStats.totals.pairings);
    expect(await read<Stats>(jinan, STATS)).toEqual(jinanStats);
  });
});
