/**
 * Parser speed: `node --import tsx bench/parser.bench.ts`. Prints the median of several runs per case
 * against its goal. `main()` is exported for bench/run.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePlan } from '../server/modules/plans/import/parser/index.ts';
import { largePlan } from '../server/modules/plans/import/parser/testing/generate.ts';
import { measure, report, type BenchResult } from './measure.ts';

interface Case {
  name: string;
  text: string;
  goalMs: number;
  runs: number;
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

export async function main(): Promise<BenchResult[]> {
  const example = fileURLToPath(
    new URL('../test/fixtures/plans/2022-province-united-front-key-points.txt', import.meta.url),
  );
  const cases: Case[] = [
    { name: 'example document (7 KB)', text: readFileSync(example, 'utf8'), goalMs: 5, runs: 51 },
    { name: 'generated 100,000 characters', text: largePlan(100_000), goalMs: 200, runs: 11 },
    { name: '1 MB random Unicode', text: randomUnicode(1_000_000), goalMs: 1000, runs: 5 },
    {
      name: 'single 500 KB line',
      text: '加强政治引领，“推动”一是落实。二、（三）1.等品牌活动 '.repeat(20_000).slice(0, 500_000),
      goalMs: 500,
      runs: 5,
    },
  ];
  const results: BenchResult[] = [];
  for (const c of cases) results.push(await measure(c.name, c.goalMs, c.runs, () => parsePlan(c.text)));
  report(results);
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
