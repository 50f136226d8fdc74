import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
  url: string;
  dataDir: string;
  // Demo accounts as printed at first start: username → one-time password.
  passwords: Record<string, string>;
  stop(): Promise<void>;
  // Stops the server and starts it again on the same data folder and port, with these settings added.
  restart(env: Record<string, string>): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
}

function spawnServer(dataDir: string, port: number, env: Record<string, string>): Started {
  const child: ChildProcess = spawn(process.execPath, ['bin/luoshi.mjs', 'serve'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: path.join(dataDir, 'luoshi.db'),
      PASSWORD_ITERATIONS: '10000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

// Starts Luoshi the way a newcomer does (`luoshi serve` on a fresh SQLite file, demo workspace created),
// on a free port, and waits until it answers. `env` adds settings (LUOSHI_NOW: where its clock starts).
// `from`: a data folder such a first start left behind (demoDataDir), copied into this server's own
// folder so it starts without creating the demo again; its database file is this server's alone.
export async function startServer(env: Record<string, string> = {}, from?: string): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-e2e-'));
  if (from) fs.cpSync(from, dataDir, { recursive: true });
  const port = await freePort();
  let current = spawnServer(dataDir, port, env);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(current.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, current.child, current.output);
  } catch (error) {
    await stop(); // a server that failed to start leaves neither a process nor a temp dir behind
    throw error;
  }
  return {
    url,
    dataDir,
    passwords: readDemoPasswords(path.join(dataDir, 'demo-accounts.txt')),
    stop,
    // The same data and port, new settings: how a spec moves the server's clock (a later LUOSHI_NOW).
    restart: async (next: Record<string, string>) => {
      await stopChild(current.child);
      current = spawnServer(dataDir, port, { ...env, ...next });
      await waitForHealth(url, current.child, current.output);
    },
  };
}

// A first start's data folder (database with the demo workspace, secret key, demo-accounts.txt): one
// `luoshi serve` on a fresh folder, stopped once it answers. The e2e global setup makes it once per run;
// it may take longer than a spec's own start, as creating the demo year is the slow part of a first start.
export async function demoDataDir(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-e2e-demo-'));
  try {
    const port = await freePort();
    const first = spawnServer(dataDir, port, {});
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, first.child, first.output, 180_000);
    } finally {
      await stopChild(first.child);
    }
    if (first.child.exitCode !== 0)
      throw new Error(`the demo server did not stop cleanly:\n${first.output()}`);
    const accounts = Object.keys(readDemoPasswords(path.join(dataDir, 'demo-accounts.txt')));
    if (accounts.length === 0) throw new Error(`the demo server listed no accounts:\n${first.output()}`);
    return dataDir;
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function readDemoPasswords(file: string): Record<string, string> {
  const passwords: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s+(\S+)\s+(\S+)\s+(sysadmin|secadmin|auditor|leader|staff|handler|submitter)\s/.exec(line);
    if (m?.[1] && m[2]) passwords[m[1]] = m[2];
  }
  return passwords;
}
