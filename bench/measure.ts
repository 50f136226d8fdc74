// Shared by every benchmark: one result shape, medians, and the printed line.
export interface BenchResult {
  name: string;
  medianMs: number;
  goalMs: number;
  pass: boolean;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// Times `run` after one warm-up call (JIT, page cache) and returns the median against the goal.
export async function measure(
  name: string,
  goalMs: number,
  runs: number,
  run: () => unknown,
): Promise<BenchResult> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  const medianMs = Math.round(median(times) * 100) / 100;
  return { name, medianMs, goalMs, pass: medianMs < goalMs };
}

export function report(results: BenchResult[]): void {
  for (const r of results) {
    console.log(
      `${r.name.padEnd(40)} median ${r.medianMs.toFixed(2).padStart(9)} ms  goal < ${String(r.goalMs).padStart(5)} ms  ${r.pass ? 'PASS' : 'OVER'}`,
    );
  }
}
