import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { immutable } from '../immutable.ts';
import { pageSchema } from './pagination.ts';
import { responseSerializerCompiler, sameBothWays } from './serializer.ts';

async function answer(schema: z.ZodType, data: unknown) {
  const app = Fastify();
  app.setSerializerCompiler(responseSerializerCompiler);
  app.get('/', { schema: { response: { 200: schema } } }, () => data);
  const res = await app.inject({ url: '/' });
  await app.close();
  return res;
}

describe('response serializer', () => {
  const row = z.object({ id: z.number().int(), name: z.string(), at: z.string().nullable() });

  it('parses plain schemas (its fast path) and encodes those with codecs or defaults', () => {
    expect(sameBothWays(pageSchema(row))).toBe(true);
    expect(sameBothWays(z.object({ when: z.codec(z.iso.datetime(), z.date(), isoDate) }))).toBe(false);
    expect(sameBothWays(z.object({ n: z.number().default(1) }))).toBe(false);
  });

  it('writes only the declared fields and answers 500 for a value of the wrong type', async () => {
    const ok = await answer(row, { id: 1, name: 'a', at: null, password_hash: 'secret' });
    expect(ok.json()).toEqual({ id: 1, name: 'a', at: null });
    expect((await answer(row, { id: 1.5, name: 'a', at: null })).statusCode).toBe(500);
    expect((await answer(row, { id: 1, name: 'a' })).statusCode).toBe(500);
  });

  it('writes an immutable answer once per schema, and still through its schema', async () => {
    const serialize = responseSerializerCompiler({ schema: row, method: 'GET', url: '/', httpStatus: '200' });
    const other = responseSerializerCompiler({
      schema: row.pick({ id: true }),
      method: 'GET',
      url: '/other',
      httpStatus: '200',
    });
    const shared = immutable({ id: 1, name: 'a', at: null, password_hash: 'secret' });
    // Written once, as the bytes that go out: the second request gets the very same bytes.
    const first = serialize(shared) as unknown as Buffer;
    expect(first.toString('utf8')).toBe('{"id":1,"name":"a","at":null}');
    expect(serialize(shared)).toBe(first);
    expect(String(other(shared))).toBe('{"id":1}');
    // Deep-frozen: nothing can change it after its JSON was kept.
    const nested = immutable({ items: [{ id: 1 }] });
    expect(Object.isFrozen(nested.items[0])).toBe(true);
    expect(() => {
      (nested.items[0] as { id: number }).id = 2;
    }).toThrow(TypeError);
    // A plain answer is checked and written every time: a change shows.
    const plain = { id: 1, name: 'a', at: null };
    expect(serialize(plain)).toBe('{"id":1,"name":"a","at":null}');
    plain.name = 'b';
    expect(serialize(plain)).toBe('{"id":1,"name":"b","at":null}');
  });

  it('sends an immutable answer as JSON, its Chinese text and length intact', async () => {
    const res = await answer(row, immutable({ id: 1, name: '统战工作要点', at: null }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    expect(res.json()).toEqual({ id: 1, name: '统战工作要点', at: null });
  });

  it('still runs a codec backwards', async () => {
    const schema = z.object({ when: z.codec(z.iso.datetime(), z.date(), isoDate) });
    const res = await answer(schema, { when: new Date('2026-01-02T03:04:05.000Z') });
    expect(res.json()).toEqual({ when: '2026-01-02T03:04:05.000Z' });
  });
});

const isoDate = {
  decode: (s: string) => new Date(s),
  encode: (d: Date) => d.toISOString(),
};
