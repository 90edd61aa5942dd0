/**
 * Times exactUnconditionalNITest(85, 115, 80, 115, 0.15): one warm-up call, then the median of 5 runs.
 * Run by hand: node --import tsx bench/exact-unconditional.ts  (target ≤ 0.1 s, design.md "Performance targets").
 */
import { performance } from 'node:perf_hooks';
import { exactUnconditionalNITest } from '../src/stats/exact.ts';
import { emitBenchRow } from './result.ts';

const run = () => exactUnconditionalNITest(85, 115, 80, 115, 0.15);
const warm = run();
const times: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  run();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`exactUnconditionalNITest(85, 115, 80, 115, 0.15): p = ${warm.pValue.toExponential(6)} at p2 = ${warm.nuisanceAtSup.toFixed(6)}`);
console.log(`median of 5 runs: ${times[2].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[4].toFixed(1)})`);
emitBenchRow({ benchmark: 'exact unconditional NI test (Chan 1998)', size: '85/115 vs 80/115, margin 0.15', wallMs: times[2], cpuMs: null, peakRssMb: null, note: `median of 5 warm runs; p = ${warm.pValue.toExponential(4)}` });
