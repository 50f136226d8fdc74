// Money in the ledger: entered and answered in 万元 as decimal text, kept as integer 分 (bigint), summed as
// bigint. 1 万元 = 10 000 元 = 1 000 000 分, so a 万元 figure has at most six decimals. Never a float.

const FEN_PER_WAN = 1_000_000n;
export const WAN_PATTERN = /^\d{1,9}(\.\d{1,6})?$/;

/** "12.5" 万元 → 12 500 000n 分. The text was validated by WAN_PATTERN. */
export function wanToFen(wan: string): bigint {
  const [whole = '0', fraction = ''] = wan.split('.');
  return BigInt(whole) * FEN_PER_WAN + BigInt(fraction.padEnd(6, '0'));
}

/** 12 500 000n 分 → "12.50" 万元: at least two decimals (the ledger's own), more only when needed. */
export function fenToWan(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = abs / FEN_PER_WAN;
  let fraction = (abs % FEN_PER_WAN).toString().padStart(6, '0');
  while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** A bigint column as the driver answers it (SQLite: number, PostgreSQL: text), or a SUM of one. */
export function fenOf(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (value === null || value === undefined) return 0n;
  throw new Error(`not an integer amount of 分: ${JSON.stringify(value)}`);
}
