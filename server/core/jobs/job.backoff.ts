// How long a failed job waits before its next attempt: doubling from `baseMs` after the first failure,
// never longer than `capMs`. No jitter: the runner claims jobs one by one, so retries of many jobs that
// failed together do not stampede, and tests can name the exact time of the next attempt.
export function retryDelayMs(failedAttempt: number, baseMs: number, capMs: number): number {
  const exponent = Math.max(0, failedAttempt - 1);
  // 2^exponent overflows to Infinity long before it matters; Math.min keeps the cap.
  return Math.min(capMs, baseMs * 2 ** exponent);
}
