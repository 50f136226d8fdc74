import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, normaliseEmail, normalisePhone } from './contact.values.ts';

describe('contact values', () => {
  it('normalises phone numbers to digits, dropping a +86 prefix on mobiles', () => {
    expect(normalisePhone('138 1234 5678')).toBe('13812345678');
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalisePhone('0086 13812345678')).toBe('13812345678');
    expect(normalisePhone('(0531) 8612-3456')).toBe('053186123456');
    expect(normalisePhone('电话 138')).toBeNull();
    expect(normalisePhone('123')).toBeNull();
  });

  it('normalises e-mail addresses to lower case and refuses what is not one', () => {
    expect(normaliseEmail(' Zhang.San@Example.COM ')).toBe('zhang.san@example.com');
    expect(normaliseEmail('zhang at example.com')).toBeNull();
    expect(normaliseEmail('a@b')).toBeNull();
  });

  it('masks a mobile number as 138****1234, and other numbers keeping only their ends', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('053186123456')).toBe('053****3456');
    expect(maskPhone('86123456')).toBe('861****56');
    expect(maskPhone('12345')).toBe('****45');
  });

  it('masks an e-mail address as z***@example.com', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskEmail('a@example.com')).toBe('a***@example.com');
  });
});
