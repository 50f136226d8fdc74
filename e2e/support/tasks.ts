import crypto from 'node:crypto';
import type { Page } from 'playwright-core';

// Task specs' setup through the API, as the signed-in person of the page.

export const YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);

// The API with the page's own session (cookie and CSRF token), as the web app calls it.
export async function api<T>(
  page: Page,
  method: 'GET' | 'POST',
  url: string,
  data?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const me = await page.request.get('/api/auth/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.fetch(url, {
    method,
    headers: { 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json', ...headers },
    ...(data === undefined ? {} : { data: JSON.stringify(data) }),
  });
  if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

interface ProposedTask {
  text: string;
  suggestedLead: string | null;
}

/** An outline node as the plan API takes it. */
export const planNode = (heading: string, proposedTasks: ProposedTask[] = []) => ({
  number: null,
  heading,
  body: '',
  children: [],
  lead: [],
  cooperating: [],
  brandActivities: [],
  proposedTasks,
});

/** Creates and publishes a plan of 山东省 with these top-level items; returns its id. */
export async function publishedPlan(
  page: Page,
  year: number,
  title: string,
  nodes: ReturnType<typeof planNode>[],
): Promise<number> {
  const draft = await api<{ id: number; version: number }>(
    page,
    'POST',
    '/api/plans',
    {
      regionCode: '370000',
      year,
      title,
      sourceText: '',
      outline: {
        title,
        year,
        preamble: '',
        closing: '',
        nodes,
        brandActivities: [],
        removed: [],
        warnings: [],
      },
    },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  await api(page, 'POST', `/api/plans/${draft.id}/publish`, {}, { 'If-Match': `"${draft.version}"` });
  return draft.id;
}

/** This year's published plan of 山东省 (made and published here when the demo has none). */
export async function planOfThisYear(page: Page): Promise<number> {
  const published = await api<{ items: { id: number }[] }>(
    page,
    'GET',
    `/api/plans?regionCode=370000&year=${YEAR}&status=published`,
  );
  return (
    published.items[0]?.id ??
    publishedPlan(page, YEAR, `山东省${YEAR}年统战工作要点（任务测试）`, [
      planNode('一、加强思想政治引领'),
      planNode('二、服务高质量发展'),
    ])
  );
}
