import { describe, expect, it } from 'vitest';
import { redirectQuery, returnPath } from './return-path';

describe('the return path kept through the first sign-in', () => {
  it('follows a same-origin relative path, query and all', () => {
    expect(returnPath('/training/scan?s=12&t=12.1764690000.abc')).toBe(
      '/training/scan?s=12&t=12.1764690000.abc',
    );
    expect(returnPath('/tasks/5#reports')).toBe('/tasks/5#reports');
    expect(redirectQuery('/inbox')).toEqual({ redirect: '/inbox' });
  });

  it('refuses another origin, schemes and tricks a browser would turn into one', () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      'training/scan',
      '',
      undefined,
      ['/tasks'],
      `/${'a'.repeat(2001)}`,
    ])
      expect(returnPath(bad), String(bad)).toBeUndefined();
  });

  it('never returns into the sign-in steps or to the workbench it would reach anyway', () => {
    for (const loop of ['/login', '/login?redirect=/x', '/setup/password', '/setup/totp?redirect=/x', '/'])
      expect(returnPath(loop), loop).toBeUndefined();
    expect(returnPath('/setups')).toBe('/setups');
    expect(redirectQuery('/setup/totp')).toEqual({});
  });
});
