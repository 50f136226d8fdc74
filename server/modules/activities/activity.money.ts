// Money of signed projects: typed and shown in 万元 (up to 6 decimals, i.e. to the 分), stored and summed
// as integer 分 (1 万元 = 1 000 000 分). Never a floating-point sum: totals are integer sums, and the
// 万元 text is cut from the digits.
const FEN_PER_WAN_DIGITS = 6;
// 一千亿万元 in 分 stays below 2^53 even summed over many thousands of projects.
const MAX_WAN_DIGITS = 9;
export const WAN_PATTERN = new RegExp(`^\\d{1,${MAX_WAN_DIGITS}}(\\.\\d{1,${FEN_PER_WAN_DIGITS}})?$`);

/** '1234.5' 万元 → 1 234 500 000 分. The text must match WAN_PATTERN (the schema checks it). */
export function wanToFen(wan: string): number {
  const [whole = '0', frac = ''] = wan.split('.');
  return Number(whole) * 1_000_000 + Number(frac.padEnd(FEN_PER_WAN_DIGITS, '0'));
}

/** 1 234 500 000 分 → '1234.5' (no trailing zeros; '0' for nothing). */
export function fenToWan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 1_000_000);
  const frac = String(abs % 1_000_000)
    .padStart(FEN_PER_WAN_DIGITS, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}
