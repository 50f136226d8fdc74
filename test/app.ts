import crypto from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig, type Config } from '../server/config.ts';
import { ManualClock } from '../server/core/clock.ts';
import { totpCode, totpStep } from '../server/core/auth/totp.ts';
import type { Services } from '../server/core/services.ts';
import { seedDemoWorkspace, type DemoAccount } from '../server/modules/demo/demo.seed.ts';
import { makeTestDataDir } from './data-dirs.ts';
import { createTestDb, type Dialect, type TestDb } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  s: Services;
  db: TestDb;
  clock: ManualClock;
  config: Config;
  // The key the app seals secrets and the audit chain with (a second app on the same data uses it too).
  secretKey: Buffer;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  // Low PBKDF2 cost keeps tests fast; production uses at least 300,000 iterations. Each config gets a
  // data folder of its own (audit checkpoints are written there), never the repository's data/.
  const dataDir = overrides.DATA_DIR ?? makeTestDataDir();
  return loadConfig({
    NODE_ENV: 'test',
    PASSWORD_ITERATIONS: '1000',
    LOG_LEVEL: 'silent',
    ...overrides,
    DATA_DIR: dataDir,
  });
}

export async function createTestApp(
  dialect: Dialect,
  overrides: Record<string, string> = {},
): Promise<TestApp> {
  const db = await createTestDb(dialect);
  const clock = new ManualClock();
  const config = testConfig(overrides);
  const secretKey = crypto.randomBytes(32);
  const { app, services } = await buildApp({ config, db, clock, secretKey, logger: false });
  await app.ready();
  return {
    app,
    s: services,
    db,
    clock,
    config,
    secretKey,
    close: async () => {
      await app.close();
      await db.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

// A signed-in browser, as far as the API can tell: a session cookie and the CSRF token.
export class Agent {
  cookie = '';
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  async request(opts: InjectOptions & { ifMatch?: number | string }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && opts.method && opts.method !== 'GET') headers['x-csrf-token'] ??= this.csrf;
    if (opts.ifMatch !== undefined) headers['if-match'] = `"${opts.ifMatch}"`;
    const { ifMatch: _ignored, ...rest } = opts;
    const res = await this.app.inject({ ...rest, headers });
    const setCookie = res.cookies.find((c) => c.name.endsWith('luoshi_session'));
    if (setCookie) this.cookie = setCookie.value ? `${setCookie.name}=${setCookie.value}` : '';
    const contentType = String(res.headers['content-type'] ?? '');
    const body = contentType.includes('json') ? res.json<{ csrfToken?: unknown }>() : null;
    if (body && typeof body.csrfToken === 'string') this.csrf = body.csrfToken;
    return res;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.request({
      method: 'POST',
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      ...(headers ? { headers } : {}),
    });
  }
  patch(url: string, payload: unknown, ifMatch?: number) {
    return this.request({
      method: 'PATCH',
      url,
      payload: payload as object,
      ...(ifMatch === undefined ? {} : { ifMatch }),
    });
  }
  put(url: string, payload: unknown, ifMatch?: number) {
    return this.request({
      method: 'PUT',
      url,
      payload: payload as object,
      ...(ifMatch === undefined ? {} : { ifMatch }),
    });
  }
}

export interface DemoWorld {
  accounts: Record<string, DemoAccount>;
  // Signs in as a demo account, completing TOTP enrolment for administrators.
  signIn(username: string): Promise<Agent>;
}

export async function seedDemo(t: TestApp): Promise<DemoWorld> {
  const list = await seedDemoWorkspace(t.s, { passwordsMustChange: false });
  const accounts = Object.fromEntries(list.map((a) => [a.username, a]));
  return {
    accounts,
    signIn: async (username) => {
      const account = accounts[username];
      if (!account) throw new Error(`no demo account ${username}`);
      return signIn(t, username, account.password);
    },
  };
}

export async function signIn(t: TestApp, username: string, password: string): Promise<Agent> {
  const agent = new Agent(t.app);
  const res = await agent.post('/api/auth/login', { username, password });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ totpRequired?: boolean; totpEnrolmentRequired?: boolean }>();
  if (body.totpEnrolmentRequired) {
    const enrol = (await agent.post('/api/auth/totp/enrol')).json<{ secret: string }>();
    totpSecrets.set(`${t.db.location}:${t.db.schema ?? ''}:${username}`, enrol.secret);
    await completeTotp(t, agent, '/api/auth/totp/confirm', enrol.secret);
  } else if (body.totpRequired) {
    const secret = totpSecrets.get(`${t.db.location}:${t.db.schema ?? ''}:${username}`);
    if (!secret) throw new Error(`no TOTP secret known for ${username}`);
    await completeTotp(t, agent, '/api/auth/totp', secret);
  }
  return agent;
}

const totpSecrets = new Map<string, string>();

async function completeTotp(t: TestApp, agent: Agent, url: string, secret: string) {
  // Codes are single-use: move the clock to a fresh 30-second step before each one.
  t.clock.advance(30_000);
  const res = await agent.post(url, { code: totpCode(secret, totpStep(t.clock.now())) });
  if (res.statusCode !== 200) throw new Error(`TOTP at ${url} failed: ${res.statusCode} ${res.body}`);
}

export function idempotencyKey(): string {
  return crypto.randomUUID();
}
