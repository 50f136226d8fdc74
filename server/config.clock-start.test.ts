import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { clockStartingAt } from './core/clock.ts';
import { runCli } from './main.ts';

const SECRET_KEY = 'a'.repeat(64);

class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

// LUOSHI_NOW starts the server's clock at an instant (e2e specs move time by restarting with a later one):
// never in production.
describe('LUOSHI_NOW (the clock start outside production)', () => {
  it('is refused in production, with a message naming it', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', SECRET_KEY, LUOSHI_NOW: '2026-12-22T09:00:00+08:00' }),
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', SECRET_KEY, LUOSHI_NOW: '2026-12-22T09:00:00+08:00' }),
    ).toThrow(/LUOSHI_NOW/);
    expect(loadConfig({ NODE_ENV: 'production', SECRET_KEY }).clockStart).toBeNull();
  });

  it('stops `luoshi serve` in production before anything starts', async () => {
    const stdout = new Collected();
    const stderr = new Collected();
    const code = await runCli(['serve'], {
      stdin: Readable.from([]),
      stdout,
      stderr,
      env: {
        NODE_ENV: 'production',
        SECRET_KEY,
        LUOSHI_NOW: '2026-12-22T09:00:00+08:00',
        DATABASE_URL: ':memory:',
      },
    });
    expect(code).toBe(1);
    expect(stderr.text).toMatch(/LUOSHI_NOW/);
    expect(stdout.text).toBe('');
  });

  it('outside production sets where the clock starts; a malformed instant is refused', () => {
    expect(
      loadConfig({ NODE_ENV: 'development', LUOSHI_NOW: '2026-12-22T09:00:00+08:00' }).clockStart,
    ).toEqual(new Date('2026-12-22T01:00:00Z'));
    expect(loadConfig({ NODE_ENV: 'development' }).clockStart).toBeNull();
    expect(() => loadConfig({ NODE_ENV: 'test', LUOSHI_NOW: 'next tuesday' })).toThrow(/LUOSHI_NOW/);
  });

  it('runs on from its start at the system clock’s pace', () => {
    let system = 1_000_000;
    const clock = clockStartingAt(new Date('2026-12-22T01:00:00Z'), () => system);
    expect(clock.now().toISOString()).toBe('2026-12-22T01:00:00.000Z');
    system += 90_000;
    expect(clock.now().toISOString()).toBe('2026-12-22T01:01:30.000Z');
  });
});
