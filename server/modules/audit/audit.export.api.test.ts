import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { AUDIT_EXPORT_MAX_ROWS } from './audit.service.ts';

interface Section {
  key: string;
  label: string;
  fields: { key: string; label: string; value: string }[];
}
interface Entry {
  id: number;
  action: string;
  actorName: string | null;
  detailSections: Section[];
}

async function openWorkbook(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
}

function sheetRows(book: ExcelJS.Workbook, name: string): string[][] {
  const sheet = book.getWorksheet(name)!;
  const out: string[][] = [];
  sheet.eachRow((row) => {
    out.push(
      (row.values as (string | number | null | undefined)[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v))),
    );
  });
  return out;
}

describe.each(DIALECTS)('audit export and labelled details (%s)', (dialect) => {
  let t: TestApp;
  let auditor: Agent;
  let staff: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    auditor = await world.signIn('auditor');
    staff = await world.signIn('staff');
    for (let i = 0; i < t.config.lockout.threshold; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'leader', password: `wrong-${i}` },
      });
    }
  });
  afterAll(() => t.close());

  it('labels every detail field in Chinese, keeping unknown keys under their own name', async () => {
    const page = (await auditor.get('/api/audit?actor=leader&action=auth.lockout')).json<{
      items: Entry[];
    }>();
    const lockout = page.items[0]!;
    expect(lockout.detailSections).toEqual([
      {
        key: 'note',
        label: '说明',
        fields: [{ key: 'lockedUntil', label: '锁定至', value: expect.any(String) as string }],
      },
    ]);
    const failed = (await auditor.get('/api/audit?action=auth.login_failed&limit=200')).json<{
      items: Entry[];
    }>();
    expect(failed.items.length).toBeGreaterThan(0);
    for (const e of failed.items) {
      for (const s of e.detailSections) {
        expect(s.label).not.toMatch(/^[a-z]/);
        for (const f of s.fields) expect(f.label, f.key).not.toMatch(/^[a-zA-Z]/);
      }
    }
  });

  it('exports the filtered log as .xlsx with Chinese columns and labelled details, and audits the export', async () => {
    const listed = (await auditor.get('/api/audit?actor=leader&limit=200')).json<{ items: Entry[] }>().items;
    expect(listed.length).toBe(t.config.lockout.threshold + 1);
    const res = await auditor.post('/api/audit/export', { actor: 'leader' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('审计日志-');
    const book = await openWorkbook(res.rawPayload);
    const rows = sheetRows(book, '审计日志');
    expect(rows[0]).toEqual([
      '编号',
      '时间',
      '操作人',
      '操作',
      '操作代码',
      '对象类型',
      '对象编号',
      '结果',
      'IP',
      '请求编号',
      '详情',
    ]);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(listed.map((e) => e.id));
    expect(rows.slice(1).every((r) => r[2] === 'leader')).toBe(true);
    const lock = rows.find((r) => r[4] === 'auth.lockout')!;
    expect(lock[3]).toBe('账户锁定');
    expect(lock[7]).toBe('失败');
    expect(lock[10]).toMatch(/^说明：锁定至 \d{4}-/);
    expect(sheetRows(book, '导出说明')).toContainEqual(['筛选条件', '操作人：leader']);

    const recorded = (await auditor.get('/api/audit?action=audit.export')).json<{ items: Entry[] }>().items;
    expect(recorded[0]).toMatchObject({ actorName: 'auditor', action: 'audit.export' });
    const note = recorded[0]!.detailSections.find((s) => s.key === 'note')!;
    expect(note.fields).toContainEqual({ key: 'rows', label: '记录数', value: String(listed.length) });
  });

  it('is for the auditor only', async () => {
    expect((await staff.post('/api/audit/export', {})).statusCode).toBe(403);
  });

  it(`refuses more than ${AUDIT_EXPORT_MAX_ROWS} rows with a message saying what to do, and audits the refusal`, async () => {
    // Rows for the export to count (their chain does not matter here).
    const last = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const bulk = Array.from({ length: AUDIT_EXPORT_MAX_ROWS + 1 }, (_, i) => ({
      id: last.id + 1 + i,
      at: '2026-03-01T10:00:00.000+08:00',
      actor_id: null,
      actor_name: 'bulk',
      action: 'demo.seed',
      object_type: null,
      object_id: null,
      outcome: 'success' as const,
      ip: '127.0.0.1',
      request_id: null,
      detail: null,
      prev_hash: '0'.repeat(64),
      hash: '0'.repeat(64),
      key_id: null,
    }));
    for (let i = 0; i < bulk.length; i += 500) {
      await t.db.kysely
        .insertInto('audit_log')
        .values(bulk.slice(i, i + 500))
        .execute();
    }
    const res = await auditor.post('/api/audit/export', { actor: 'bulk' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'AUDIT_EXPORT_TOO_LARGE',
      message: expect.stringContaining(`一次最多导出 ${AUDIT_EXPORT_MAX_ROWS} 条`) as string,
    });
    const refused = (await auditor.get('/api/audit?action=audit.export')).json<{
      items: (Entry & { outcome: string })[];
    }>().items[0]!;
    expect(refused.outcome).toBe('failure');
    const ok = await auditor.post('/api/audit/export', { actor: 'bulk', to: '2026-03-01T09:59:00+08:00' });
    expect(ok.statusCode).toBe(200);
  });
});
