/**
 * Parser speed: `node --import tsx bench/parser.bench.ts`. Prints the median of several runs per case
 * against its goal. `main()` is exported for bench/run.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePlan } from '../server/modules/plans/parser/index.ts';
import { largePlan } from '../server/modules/plans/parser/testing/generate.ts';

interface Case {
  name: string;
  text: string;
  goalMs: number;
  runs: number;
}

export interface BenchResult {
  name: string;
  medianMs: number;
  goalMs: number;
  pass: boolean;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Deterministic random Unicode (a small LCG), so runs compare: letters, CJK, punctuation, line breaks. */
function randomUnicode(length: number, seed = 42): string {
  let state = seed;
  const next = (): number => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31);
  const chars: string[] = [];
  for (let i = 0; i < length; i++) {
    const r = next() % 100;
    if (r < 60) chars.push(String.fromCharCode(0x4e00 + (next() % 0x5000)));
    else if (r < 70) chars.push('，。、；：“”（）一二三1. \n'.charAt(next() % 19));
    else chars.push(String.fromCodePoint(0x20 + (next() % 0xd000)));
  }
  return chars.join('');
}

function measure(c: Case): BenchResult {
  parsePlan(c.text);
  const times: number[] = [];
  for (let i = 0; i < c.runs; i++) {
    const start = performance.now();
    parsePlan(c.text);
    times.push(performance.now() - start);
  }
  const medianMs = median(times);
  return { name: c.name, medianMs, goalMs: c.goalMs, pass: medianMs < c.goalMs };
}

export function main(): BenchResult[] {
  const example = fileURLToPath(new URL('../test/fixtures/plans/2022-province-united-front-key-points.txt', import.meta.url));
  const cases: Case[] = [
    { name: 'example document (7 KB)', text: readFileSync(example, 'utf8'), goalMs: 5, runs: 51 },
    { name: 'generated 100,000 characters', text: largePlan(100_000), goalMs: 200, runs: 11 },
    { name: '1 MB random Unicode', text: randomUnicode(1_000_000), goalMs: 1000, runs: 5 },
    { name: 'single 500 KB line', text: '加强政治引领，“推动”一是落实。二、（三）1.等品牌活动 '.repeat(20_000).slice(0, 500_000), goalMs: 500, runs: 5 },
  ];
  const results = cases.map(measure);
  for (const r of results) {
    console.log(`${r.name.padEnd(32)} median ${r.medianMs.toFixed(2).padStart(9)} ms  goal < ${String(r.goalMs).padStart(5)} ms  ${r.pass ? 'PASS' : 'OVER'}`);
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
