import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validatorCompiler, type ValidationProblem } from './validation.ts';

function problemsOf(schema: z.core.$ZodType, data: unknown, httpPart = 'body'): ValidationProblem[] {
  const result = validatorCompiler({ schema, httpPart, method: 'POST', url: '/x' })(data);
  if (typeof result !== 'object' || !('error' in result) || !Array.isArray(result.error))
    throw new Error('expected a validation failure');
  return result.error as ValidationProblem[];
}

const CJK = /[\u4e00-\u9fff]/;

// One row per Zod 4 issue kind (and the variants people meet): the schema, a bad value, the issue code
// Zod raises, and the message a person reads, which names the field and states the limit.
const table: Array<[string, z.core.$ZodType, unknown, string, string]> = [
  [
    'too_big string',
    z.object({ q: z.string().max(100) }),
    { q: 'x'.repeat(101) },
    'too_big',
    'q 不能超过 100 个字符',
  ],
  [
    'too_big exact',
    z.object({ code: z.string().length(6) }),
    { code: '1234567' },
    'too_big',
    'code 应为 6 个字符',
  ],
  [
    'too_big number',
    z.object({ limit: z.number().max(100) }),
    { limit: 101 },
    'too_big',
    'limit 不能大于 100',
  ],
  ['too_big exclusive', z.object({ n: z.number().lt(5) }), { n: 5 }, 'too_big', 'n 应小于 5'],
  [
    'too_big array',
    z.object({ tags: z.array(z.string()).max(3) }),
    { tags: ['a', 'b', 'c', 'd'] },
    'too_big',
    'tags 不能超过 3 项',
  ],
  [
    'too_big file',
    z.object({ file: z.file().max(1024) }),
    { file: new File(['x'.repeat(2048)], 'a.txt') },
    'too_big',
    'file 不能超过 1 KB',
  ],
  [
    'too_big date',
    z.object({ on: z.date().max(new Date('2026-01-01T00:00:00Z')) }),
    { on: new Date('2027-01-01T00:00:00Z') },
    'too_big',
    'on 不能晚于 2026-01-01T00:00:00.000Z',
  ],
  ['too_small empty', z.object({ name: z.string().min(1) }), { name: '' }, 'too_small', 'name 不能为空'],
  [
    'too_small string',
    z.object({ name: z.string().min(3) }),
    { name: 'ab' },
    'too_small',
    'name 至少 3 个字符',
  ],
  [
    'too_small number',
    z.object({ year: z.number().int().min(2000) }),
    { year: 1999 },
    'too_small',
    'year 不能小于 2000',
  ],
  ['too_small exclusive', z.object({ n: z.number().positive() }), { n: 0 }, 'too_small', 'n 应大于 0'],
  [
    'too_small array',
    z.object({ roles: z.array(z.string()).min(2) }),
    { roles: ['a'] },
    'too_small',
    'roles 至少 2 项',
  ],
  ['invalid_type int', z.object({ year: z.number().int() }), { year: 1.5 }, 'invalid_type', 'year 应为整数'],
  [
    'invalid_type coerce',
    z.object({ limit: z.coerce.number() }),
    { limit: 'abc' },
    'invalid_type',
    'limit 应为数字',
  ],
  ['invalid_type string', z.object({ title: z.string() }), { title: 3 }, 'invalid_type', 'title 应为文本'],
  ['invalid_type missing', z.object({ title: z.string() }), {}, 'invalid_type', 'title 为必填项'],
  [
    'invalid_type boolean',
    z.object({ on: z.boolean() }),
    { on: 'yes' },
    'invalid_type',
    'on 应为布尔值（true 或 false）',
  ],
  [
    'invalid_format regex',
    z.object({ code: z.string().regex(/^\d{6}$/) }),
    { code: 'abc' },
    'invalid_format',
    'code 格式不正确',
  ],
  [
    'invalid_format email',
    z.object({ mail: z.email() }),
    { mail: 'nope' },
    'invalid_format',
    'mail 应为有效的电子邮件地址',
  ],
  ['invalid_format uuid', z.object({ id: z.uuid() }), { id: 'nope' }, 'invalid_format', 'id 应为有效的 UUID'],
  [
    'invalid_format datetime',
    z.object({ from: z.iso.datetime() }),
    { from: 'yesterday' },
    'invalid_format',
    'from 应为 ISO 8601 日期时间',
  ],
  [
    'invalid_format starts_with',
    z.object({ p: z.string().startsWith('/api') }),
    { p: '/web' },
    'invalid_format',
    'p 应以“/api”开头',
  ],
  [
    'invalid_format includes',
    z.object({ p: z.string().includes('@') }),
    { p: 'x' },
    'invalid_format',
    'p 应包含“@”',
  ],
  [
    'invalid_value enum',
    z.object({ level: z.enum(['province', 'city']) }),
    { level: 'town' },
    'invalid_value',
    'level 应为以下之一：“province”、“city”',
  ],
  [
    'invalid_value literal',
    z.object({ ok: z.literal(true) }),
    { ok: false },
    'invalid_value',
    'ok 应为 true',
  ],
  [
    'unrecognized_keys root',
    z.strictObject({ a: z.string().optional() }),
    { foo: 1 },
    'unrecognized_keys',
    '未知字段：foo',
  ],
  [
    'unrecognized_keys nested',
    z.object({ o: z.strictObject({}) }),
    { o: { foo: 1, bar: 2 } },
    'unrecognized_keys',
    'o 含有未知字段：foo、bar',
  ],
  [
    'invalid_union types',
    z.object({ v: z.union([z.string(), z.number()]) }),
    { v: true },
    'invalid_union',
    'v 应为文本或数字',
  ],
  [
    'invalid_union closest branch',
    z.object({ v: z.union([z.strictObject({ a: z.string() }), z.strictObject({ b: z.number().max(9) })]) }),
    { v: { b: 10 } },
    'too_big',
    'v b 不能大于 9',
  ],
  [
    'invalid_union discriminator',
    z.object({
      v: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('a') }),
        z.object({ kind: z.literal('b') }),
      ]),
    }),
    { v: { kind: 'c' } },
    'invalid_union',
    'v kind 应为以下之一：“a”、“b”',
  ],
  [
    'custom',
    z.object({ pw: z.string().refine((s) => s.trim() !== '') }),
    { pw: '  ' },
    'custom',
    'pw 不符合要求',
  ],
  [
    'custom authored',
    z.object({ pw: z.string().refine((s) => s.trim() !== '', '不能只有空格') }),
    { pw: '  ' },
    'custom',
    'pw：不能只有空格',
  ],
  [
    'not_multiple_of',
    z.object({ step: z.number().multipleOf(5) }),
    { step: 7 },
    'not_multiple_of',
    'step 应为 5 的整数倍',
  ],
  [
    'invalid_key',
    z.object({ m: z.record(z.string().max(2), z.number()) }),
    { m: { long: 1 } },
    'invalid_key',
    'm 的键名“long”不能超过 2 个字符',
  ],
  [
    'invalid_element',
    // A map whose keys are objects (a string key's value issue is reported under that key instead).
    z.object({ m: z.map(z.object({}), z.number().max(1)) }),
    { m: new Map([[{}, 5]]) },
    'invalid_element',
    'm 中的元素不能大于 1',
  ],
];

describe('validation messages', () => {
  it.each(table)('%s', (_name, schema, data, code, message) => {
    const [first] = problemsOf(schema, data);
    expect(first?.code).toBe(code);
    expect(first?.message).toContain(message);
    expect(first?.message).toMatch(CJK);
  });

  it('covers every issue kind Zod 4 declares', () => {
    const kinds: Array<z.core.$ZodIssue['code']> = [
      'invalid_type',
      'too_big',
      'too_small',
      'invalid_format',
      'not_multiple_of',
      'unrecognized_keys',
      'invalid_union',
      'invalid_key',
      'invalid_element',
      'invalid_value',
      'custom',
    ];
    expect(new Set(table.map((row) => row[3]))).toEqual(new Set(kinds));
  });

  it('names a field by its title, wherever the title sits, and the request part it came from', () => {
    const query = z.strictObject({ q: z.string().max(100).optional().meta({ title: '检索词' }) });
    expect(problemsOf(query, { q: 'x'.repeat(101) }, 'querystring')[0]?.message).toBe(
      '查询条件检索词不能超过 100 个字符',
    );
    const body = z.object({
      items: z
        .array(z.object({ heading: z.string().min(1).meta({ title: '标题' }) }))
        .meta({ title: '条目' }),
    });
    expect(problemsOf(body, { items: [{ heading: 'a' }, { heading: '' }] })[0]?.message).toBe(
      '条目第 2 项标题不能为空',
    );
    const params = z.strictObject({ id: z.coerce.number().int() });
    expect(problemsOf(params, { id: 'x' }, 'params')[0]?.message).toBe('路径参数 id 应为数字');
  });

  it('keeps a message the schema author wrote, after the field name', () => {
    const schema = z.object({ code: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字') });
    expect(problemsOf(schema, { code: '1' })[0]?.message).toBe('code：行政区划代码应为 6 位数字');
  });

  it('reports every problem, each with its path', () => {
    const problems = problemsOf(z.object({ a: z.string(), b: z.number() }), { a: 1, b: 'x' });
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      [['a'], 'a 应为文本'],
      [['b'], 'b 应为数字'],
    ]);
  });
});
