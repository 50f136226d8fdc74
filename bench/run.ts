// `npm run bench`: every benchmark in turn, each printing its medians against its goal.
import { main as coverage } from './coverage.bench.ts';
import { main as parser } from './parser.bench.ts';

console.log('— parser —');
const results = [...(await parser())];
console.log('— plan coverage —');
results.push(...(await coverage()));
const over = results.filter((r) => !r.pass);
console.log(
  over.length
    ? `${over.length} over goal: ${over.map((r) => r.name).join(', ')}`
    : 'all benchmarks within their goals',
);
