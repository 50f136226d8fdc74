import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  idempotencyKey,
  seedDemo,
  type Agent,
  type DemoWorld,
  type TestApp,
} from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { race } from '../../../test/race.ts';
import { pairingTotals } from './index.ts';
import { readLedger } from './testing/ledger.read.ts';
import { federationWithEnterprise, type Federation } from './testing/pairing.fixtures.ts';

interface Pairing {
  id: number;
  version: number;
  status: string;
  investedWan: string;
  incomeWan: string;
  peopleHelped: number;
  jobsCreated: number;
  villageNames: string[];
  regionCode: string;
  mayEdit: boolean;
  mayReview: boolean;
  mayReport: boolean;
  updates: Array<{ investedWan: string }>;
}
interface Res {
  statusCode: number;
  body: string;
  json: <U>() => U;
}
const ok = <T>(res: Res, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
};

// 历下区 解放桥社区, 历城区 洪家园村, 崂山区 (青岛) 盐滩社区.
const LIXIA = '370102001002';
const LICHENG = '370112007201';
const QINGDAO = '370211001001';

describe.each(DIALECTS)('万企兴万村 pairing ledger (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  let leader: Agent;
  let lixia: Agent;
  let qingdao: Agent;
  let jinanStaff: Agent;
  let shandong: Federation;
  let jinan: Federation;

  const body = (over: Record<string, unknown> = {}) => ({
    year: 2026,
    enterpriseId: shandong.enterpriseId,
    contactId: shandong.contactId,
    villageCode: LIXIA,
    projectType: 'industry',
    title: '蔬菜大棚产业项目',
    description: '建设 20 个蔬菜大棚',
    investedWan: '120.5',
    incomeWan: '30.25',
    peopleHelped: 150,
    jobsCreated: 40,
    ...over,
  });
  const create = (agent: Agent, over: Record<string, unknown> = {}) =>
    agent.post('/api/pairings', body(over), { 'idempotency-key': idempotencyKey() });
  const review = (agent: Agent, p: { id: number; version: number }, payload: object) =>
    agent.request({ method: 'POST', url: `/api/pairings/${p.id}/review`, payload, ifMatch: p.version });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-06-01T10:00:00+08:00'));
    world = await seedDemo(t);
    staff = await world.signIn('staff');
    leader = await world.signIn('leader');
    lixia = await world.signIn('lixia_staff');
    qingdao = await world.signIn('qingdao_staff');
    jinanStaff = await world.signIn('jinan_staff');
    shandong = await federationWithEnterprise(t, staff, {
      unitName: '山东省工商业联合会',
      federation: '山东省工商联',
      enterprise: '山东某农业科技有限公司',
      regionCode: '370000',
      username: 'gsl_contact',
    });
    jinan = await federationWithEnterprise(t, staff, {
      unitName: '济南市工商业联合会',
      federation: '济南市工商联',
      enterprise: '济南某食品有限公司',
      regionCode: '370100',
      username: 'jn_gsl_contact',
    });
  });
  afterAll(() => t.close());

  it('a 工商联 contact enters a pairing, staff approve it, progress moves its figures', async () => {
    const created = ok<Pairing>(await create(shandong.contact), 201);
    expect(created).toMatchObject({
      status: 'submitted',
      investedWan: '120.50',
      incomeWan: '30.25',
      regionCode: '370102',
      villageNames: ['山东省', '济南市', '历下区', expect.stringMatching(/街道/), '解放桥社区居民委员会'],
      mayEdit: true,
      mayReview: false,
    });
    // Leaders read, never enter nor review.
    expect((await leader.get(`/api/pairings/${created.id}`)).statusCode).toBe(200);
    expect((await create(leader, { villageCode: LICHENG })).statusCode).toBe(403);
    expect((await review(leader, created, { decision: 'approve' })).statusCode).toBe(403);

    const seen = ok<Pairing>(await staff.get(`/api/pairings/${created.id}`));
    expect(seen.mayReview).toBe(true);
    // A contact cannot review their own entry.
    expect((await review(shandong.contact, created, { decision: 'approve' })).statusCode).toBe(403);
    const approved = ok<Pairing>(await review(lixia, created, { decision: 'approve' }));
    expect(approved).toMatchObject({ status: 'approved', mayReview: false });
    const again = await review(staff, approved, { decision: 'reject', reason: '重复' });
    expect(again.json<{ code: string }>().code).toBe('PAIRING_STATE');

    // Approved: corrected only through progress, cumulative figures with a date.
    const patched = await shandong.contact.patch(
      `/api/pairings/${created.id}`,
      { title: '改名' },
      approved.version,
    );
    expect(patched.json<{ code: string }>().code).toBe('PAIRING_STATE');
    const progress = (payload: object, version: number) =>
      shandong.contact.request({
        method: 'POST',
        url: `/api/pairings/${created.id}/updates`,
        payload,
        ifMatch: version,
        headers: { 'idempotency-key': idempotencyKey() },
      });
    const figures = { investedWan: '150', incomeWan: '45.5', peopleHelped: 180, jobsCreated: 52 };
    const less = await progress(
      { reportedOn: '2026-05-30', note: '二期大棚开工', stage: 'ongoing', ...figures, investedWan: '100' },
      approved.version,
    );
    expect(less.statusCode, less.body).toBe(400);
    expect(less.json<{ message: string }>().message).toContain('120.50');
    const moved = ok<Pairing>(
      await progress(
        { reportedOn: '2026-05-30', note: '二期大棚开工', stage: 'ongoing', ...figures },
        approved.version,
      ),
      201,
    );
    expect(moved).toMatchObject({
      investedWan: '150.00',
      incomeWan: '45.50',
      peopleHelped: 180,
      jobsCreated: 52,
    });
    expect(moved.updates).toHaveLength(1);
    // The old version is stale now.
    const stale = await progress(
      { reportedOn: '2026-05-31', note: '再报', stage: 'ongoing', ...figures },
      approved.version,
    );
    expect(stale.statusCode).toBe(412);

    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'pairing')
      .where('object_id', '=', String(created.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['pairing.create', 'pairing.approve', 'pairing.progress']);
  });

  it('refuses duplicates and bad entries with a message a person can act on', async () => {
    const dup = await create(shandong.contact);
    expect(dup.statusCode).toBe(409);
    expect(dup.json<{ code: string; message: string }>()).toMatchObject({ code: 'PAIRING_DUPLICATE' });
    // The same pairing in another year or of another type is not a duplicate.
    ok(await create(shandong.contact, { projectType: 'employment', title: '就业帮扶项目' }), 201);

    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ villageCode: '370102001999' }, /不在区划代码库中/],
      [{ investedWan: '12.3456789' }, /最多 6 位小数/],
      [{ investedWan: '-5' }, /万元/],
      [{ peopleHelped: -1 }, /不能为负数/],
      [{ year: 2030 }, /不能晚于/],
      [{ enterpriseId: jinan.enterpriseId }, /不是您所在工商联/],
      [{ contactId: jinan.contactId, villageCode: LICHENG }, /联系人须是该企业/],
      [{ stage: 'completed', investedWan: '0', peopleHelped: 0, villageCode: LICHENG }, /已完成的项目/],
    ];
    for (const [over, message] of cases) {
      const res = await create(shandong.contact, over);
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.body).toMatch(message);
    }
    // A federation that is not one is refused too: an organisation of another kind.
    const party = ok<{ id: number }>(
      await staff.post('/api/contact-organisations', { regionCode: '370000', kind: 'other', name: '某协会' }),
      201,
    );
    const res = await create(staff, { enterpriseId: party.id });
    expect(res.body).toMatch(/不是企业/);
    // A staff member of 青岛 cannot enter a 历下区 village.
    const far = await qingdao.post('/api/pairings', body({ enterpriseId: shandong.enterpriseId }), {
      'idempotency-key': idempotencyKey(),
    });
    expect(far.statusCode).toBe(400);
  });

  it('returns an entry with a reason; the contact corrects it and it is reviewed again', async () => {
    const p = ok<Pairing>(
      await create(shandong.contact, { villageCode: LICHENG, projectType: 'charity' }),
      201,
    );
    const noReason = await review(staff, p, { decision: 'reject' });
    expect(noReason.statusCode).toBe(400);
    const rejected = ok<Pairing & { reviewReason: string }>(
      await review(staff, p, { decision: 'reject', reason: '投入资金与协议不符，请核对' }),
    );
    expect(rejected).toMatchObject({
      status: 'rejected',
      reviewReason: '投入资金与协议不符，请核对',
      mayEdit: true,
    });
    const fixed = ok<Pairing>(
      await shandong.contact.patch(`/api/pairings/${p.id}`, { investedWan: '80' }, rejected.version),
    );
    expect(fixed).toMatchObject({ status: 'submitted', investedWan: '80.00' });
    // Changing the type to one already entered for this village and year is a duplicate.
    const clash = await shandong.contact.patch(
      `/api/pairings/${p.id}`,
      { villageCode: LIXIA, projectType: 'industry' },
      fixed.version,
    );
    expect(clash.statusCode).toBe(409);
  });

  it('keeps each reader in scope: another 工商联 and another city answer 404', async () => {
    const [p] = (await staff.get('/api/pairings?year=2026')).json<{ items: Pairing[] }>().items;
    expect((await jinan.contact.get(`/api/pairings/${p!.id}`)).statusCode).toBe(404);
    expect((await qingdao.get(`/api/pairings/${p!.id}`)).statusCode).toBe(404);
    expect(ok<{ items: unknown[] }>(await jinan.contact.get('/api/pairings')).items).toHaveLength(0);
    expect(ok<{ items: unknown[] }>(await qingdao.get('/api/pairings')).items).toHaveLength(0);
    const mine = ok<{ items: unknown[]; counts: Record<string, number> }>(
      await shandong.contact.get('/api/pairings'),
    );
    expect(mine.counts).toEqual({ submitted: 2, approved: 1, rejected: 0 });
    // The 济南 工商联's contact may pair a 青岛 village for its own member enterprise; 青岛 staff then see it.
    const far = ok<Pairing>(
      await create(jinan.contact, {
        enterpriseId: jinan.enterpriseId,
        contactId: null,
        villageCode: QINGDAO,
      }),
      201,
    );
    expect(far.regionCode).toBe('370200');
    expect((await qingdao.get(`/api/pairings/${far.id}`)).statusCode).toBe(200);
    expect((await lixia.get(`/api/pairings/${far.id}`)).statusCode).toBe(404);
    const enterprises = ok<Array<{ id: number }>>(await jinan.contact.get('/api/pairings/enterprises'));
    expect(enterprises.map((e) => e.id)).toEqual([jinan.enterpriseId]);
  });

  it('answers one of two reviews at once with 412, writing nothing for it', async () => {
    const p = ok<Pairing>(await create(staff, { villageCode: LICHENG, projectType: 'consumption' }), 201);
    const second = await race(
      t,
      dialect,
      (trx) =>
        trx
          .updateTable('pairings')
          .set({ status: 'approved', version: p.version + 1 })
          .where('id', '=', p.id)
          .execute(),
      () => review(jinanStaff, p, { decision: 'reject', reason: '不符合要求' }),
    );
    expect(second.statusCode, second.body).toBe(412);
    expect(ok<Pairing>(await staff.get(`/api/pairings/${p.id}`)).status).toBe('approved');
  });

  it('statistics drill down by area and type; the export re-reads to the same figures', async () => {
    const province = ok<{
      level: string;
      rows: Array<{ code: string; name: string; pairings: number; investedWan: string }>;
      totals: { pairings: number; investedWan: string; incomeWan: string; peopleHelped: number };
      byType: Array<{ projectType: string; pairings: number }>;
    }>(await staff.get('/api/pairings/statistics?year=2026'));
    expect(province.level).toBe('province');
    expect(province.rows.map((r) => r.name)).toEqual(['山东省']);
    // Approved: the 历下区 industry pairing (150) and the 历城区 consumption one (120.5).
    expect(province.totals).toMatchObject({
      pairings: 2,
      investedWan: '270.50',
      incomeWan: '75.75',
      peopleHelped: 330,
    });
    const city = ok<typeof province>(await staff.get('/api/pairings/statistics?year=2026&area=37'));
    expect(city.rows.map((r) => [r.name, r.pairings])).toEqual([['济南市', 2]]);
    const county = ok<typeof province>(await staff.get('/api/pairings/statistics?year=2026&area=3701'));
    expect(county.rows.map((r) => [r.name, r.investedWan])).toEqual([
      ['历下区', '150.00'],
      ['历城区', '120.50'],
    ]);
    const township = ok<typeof province>(await staff.get('/api/pairings/statistics?year=2026&area=370102'));
    expect(township.level).toBe('township');
    expect(township.rows[0]!.name).toMatch(/街道/);
    expect(province.byType.find((b) => b.projectType === 'industry')!.pairings).toBe(1);
    // The dashboard's reader agrees.
    const jinanRegion = { code: '370100', name: '济南市', path: '370000/370100' };
    const totals = await pairingTotals(t.s, null, { year: 2026, region: jinanRegion });
    expect(totals.totals).toEqual(province.totals);
    const qingdaoRegion = { code: '370200', name: '青岛市', path: '370000/370200' };
    expect((await pairingTotals(t.s, null, { year: 2026, region: qingdaoRegion })).totals.pairings).toBe(0);

    const file = await staff.get('/api/pairings/export.xlsx?year=2026&status=approved');
    expect(file.statusCode).toBe(200);
    const ledger = await readLedger(file.rawPayload);
    expect(ledger.rows).toHaveLength(2);
    expect(ledger.total[11]).toBe(270.5);
    expect(ledger.total[14]).toBe(75.75);
    expect(ledger.total[12]).toBe(330);
    expect(ledger.rows.map((r) => [r[1], r[5], r[10], r[11]])).toEqual([
      ['山东某农业科技有限公司', '历下区', '产业帮扶', 150],
      ['山东某农业科技有限公司', '历城区', '消费帮扶', 120.5],
    ]);
  });

  it('exact to the 分 where floating point is not, and neutralises formula-like text', async () => {
    const amounts = ['0.1', '0.2', '0.000001'];
    for (const [i, investedWan] of amounts.entries()) {
      const p = ok<Pairing>(
        await create(staff, {
          year: 2025,
          villageCode: LICHENG,
          projectType: (['industry', 'employment', 'other'] as const)[i],
          title: i === 0 ? '=HYPERLINK("http://x","y")' : `项目${i}`,
          investedWan,
        }),
        201,
      );
      ok(await review(staff, p, { decision: 'approve' }));
    }
    const stats = ok<{ totals: { investedWan: string } }>(
      await staff.get('/api/pairings/statistics?year=2025'),
    );
    expect(stats.totals.investedWan).toBe('0.300001');
    const ledger = await readLedger((await staff.get('/api/pairings/export.xlsx?year=2025')).rawPayload);
    expect(ledger.total[11]).toBe(0.300001);
    expect(ledger.rows.map((r) => r[9])).toContain('\'=HYPERLINK("http://x","y")');
  });

  it('picks a village level by level and searches a county', async () => {
    const cities = ok<Array<{ code: string; name: string }>>(
      await shandong.contact.get('/api/villages?parent=37'),
    );
    expect(cities.find((c) => c.code === '3701')?.name).toBe('济南市');
    const found = ok<Array<{ code: string; township: string }>>(
      await staff.get(`/api/villages/search?county=370112&q=${encodeURIComponent('洪家园')}`),
    );
    expect(found[0]).toMatchObject({ code: LICHENG });
    expect((await staff.get('/api/villages?parent=37011')).statusCode).toBe(400);
  });
});
