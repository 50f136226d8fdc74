// A contact's phone number and e-mail address as typed, as stored (normalised before sealing and blind
// indexing, so "138 1234 5678" and "+86 13812345678" are the same number), and as shown (masked).

/** Digits only; a +86 / 0086 country prefix on a mobile number is dropped. Null when not a number. */
export function normalisePhone(typed: string): string | null {
  const trimmed = typed.trim();
  if (!/^\+?[\d\s\-()]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  const mobile = /^(?:86|0086)(1\d{10})$/.exec(digits);
  if (mobile) digits = mobile[1]!;
  return digits.length >= 5 && digits.length <= 20 ? digits : null;
}

/** Trimmed and lower-cased (addresses are matched without regard to case); null when not an address. */
export function normaliseEmail(typed: string): string | null {
  const value = typed.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 200 ? value : null;
}

/** 13812341234 → 138****1234; shorter numbers keep their last two digits, 0531****78 style. */
export function maskPhone(digits: string): string {
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-2)}`;
  return `****${digits.slice(-2)}`;
}

/** zhang.san@example.com → z***@example.com. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}
