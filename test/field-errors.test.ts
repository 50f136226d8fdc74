import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../web/src/api/client.ts';
import { MAX_LENGTH } from '../web/src/api/limits.ts';
import { useFieldErrors } from '../web/src/shared/fieldErrors.ts';
import { createTestApp, seedDemo, type Agent, type TestApp } from './app.ts';

// The server's 400 for a too-long field, as the web app's forms read it: the Chinese problem lands on
// the field it names (not only in a toast), and the form's maxlength is the schema's own limit.
describe('field errors from the server, shown on the form', () => {
  let t: TestApp;
  let staff: Agent;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    staff = await (await seedDemo(t)).signIn('staff');
  });
  afterAll(async () => t.close());

  async function refusal(url: string): Promise<ApiError> {
    const res = await staff.get(url);
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; message: string; details?: Record<string, unknown> }>();
    return new ApiError(res.statusCode, body.code, body.message, body.details);
  }

  it('shows a 101-character search refused in Chinese under the search box', async () => {
    expect(MAX_LENGTH.searchPlans.q).toBe(100);
    const error = await refusal(`/api/plans/search?q=${'统'.repeat(101)}`);
    const search = useFieldErrors({ q: '统'.repeat(101) }, 'querystring');
    expect(search.show(error)).toBe(true);
    expect(search.errors.q).toMatch(/^查询条件.*100/);
    expect(search.errors.q).not.toMatch(/Too big|expected/);
  });

  it('leaves to a toast what no field of the form shows', async () => {
    const error = await refusal(`/api/plans/search?q=x&limit=0`);
    const search = useFieldErrors({ q: 'x' }, 'querystring');
    expect(search.show(error)).toBe(false);
    expect(search.errors.q).toBe('');
  });
});
