import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logger.ts';

describe('server log format', () => {
  const dev = { env: 'development' as const, logLevel: 'info' };

  it('prints readable lines in development at a terminal', () => {
    expect(loggerOptions(dev, true).transport).toMatchObject({ target: 'pino-pretty' });
  });

  it('keeps JSON lines in production, in tests, and when the output goes to a pipe or a file', () => {
    expect(loggerOptions({ env: 'production', logLevel: 'info' }, true).transport).toBeUndefined();
    expect(loggerOptions({ env: 'test', logLevel: 'info' }, true).transport).toBeUndefined();
    expect(loggerOptions(dev, false).transport).toBeUndefined();
  });

  it('keeps JSON lines where pino-pretty is not installed (a production install without dev packages)', () => {
    expect(loggerOptions(dev, true, () => false).transport).toBeUndefined();
  });

  it('never logs the session cookie or the CSRF token, in either format', () => {
    for (const tty of [true, false])
      expect(loggerOptions(dev, tty).redact).toEqual(['req.headers.cookie', 'req.headers["x-csrf-token"]']);
  });
});
