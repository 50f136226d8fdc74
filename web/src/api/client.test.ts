import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, get } from './client';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('request client', () => {
  it('passes the server’s Chinese validation message and its per-field problems through as they are', async () => {
    const body = {
      code: 'VALIDATION_FAILED',
      message: '查询条件 q 不能超过 100 个字符',
      details: {
        problems: [
          { in: 'querystring', path: 'q', code: 'too_big', message: '查询条件 q 不能超过 100 个字符' },
        ],
      },
    };
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(JSON.stringify(body), { status: 400 })));
    const error = await get('/api/plans/search', { q: 'x'.repeat(101) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('查询条件 q 不能超过 100 个字符');
    expect((error as ApiError).code).toBe('VALIDATION_FAILED');
    expect((error as ApiError).details).toEqual(body.details);
  });
});
